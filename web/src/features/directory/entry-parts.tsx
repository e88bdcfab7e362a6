/** Pieces shared by the directory table, the country profile and the route advisor's contacts. */
import { Anchor, Badge, List, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Authority, Channel } from '../../../../domain/directory.ts';
import { formatLocalTime } from '../../ui/time.ts';

/** Marks a sample entry, so nobody sends a request to an address that does not exist. */
export function FictitiousBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="orange" variant="light" title={t('directory.fictitiousHint')} data-testid="fictitious-badge">
      {t('directory.fictitious')}
    </Badge>
  );
}

function isWebAddress(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** A channel's value as something to click where that means something (mail, phone, web portal). */
function ChannelValue({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  if (channel.type === 'email' && /^[^\s@]+@[^\s@]+$/.test(channel.value)) {
    return <Anchor href={`mailto:${channel.value}`}>{channel.value}</Anchor>;
  }
  if ((channel.type === 'phone' || channel.type === 'fax') && /^[+\d][\d\s().-]*$/.test(channel.value)) {
    return <Anchor href={`tel:${channel.value.replace(/[^\d+]/g, '')}`}>{channel.value}</Anchor>;
  }
  if (isWebAddress(channel.value)) {
    return (
      <Anchor href={channel.value} target="_blank" rel="noopener noreferrer">
        {channel.value}
        <VisuallyHidden>{t('common.opensInNewTab')}</VisuallyHidden>
      </Anchor>
    );
  }
  return <>{channel.value}</>;
}

/** The channels of an authority, one per line: "E-mail: cp@example.org". */
export function ChannelList({ channels }: { channels: readonly Channel[] }) {
  const { t } = useTranslation();
  return (
    <List size="sm" listStyleType="none" spacing={2} style={{ wordBreak: 'break-word' }}>
      {channels.map((channel, index) => (
        <List.Item key={index}>
          <Text span size="sm" fw={600}>
            {t(`directory.channels.${channel.type}`)}:
          </Text>{' '}
          <ChannelValue channel={channel} />
        </List.Item>
      ))}
    </List>
  );
}

/** "24/7" or the office hours, and the time it is there now. */
export function AvailabilityInfo({ authority, now }: { authority: Pick<Authority, 'availability' | 'officeHours' | 'timeZone'>; now: Date }) {
  const { t, i18n } = useTranslation();
  const localTime = formatLocalTime(now, authority.timeZone, i18n.language);
  return (
    <>
      {authority.availability === '24/7' ? (
        <Badge color="green" variant="light">
          {t('directory.available247')}
        </Badge>
      ) : (
        <Text size="sm">
          {authority.officeHours
            ? t('directory.officeHoursAt', { hours: authority.officeHours })
            : t('directory.officeHours')}
        </Text>
      )}
      <Text size="sm" c="dimmed" data-testid="local-time">
        {localTime === null
          ? authority.timeZone
          : t('directory.localTime', { time: localTime, zone: authority.timeZone })}
      </Text>
    </>
  );
}

/** Yes/no as a badge, so the column reads at a glance. */
export function YesNo({ value }: { value: boolean }) {
  const { t } = useTranslation();
  return value ? (
    <Badge color="green" variant="light">
      {t('common.yes')}
    </Badge>
  ) : (
    <Badge color="gray" variant="light">
      {t('common.no')}
    </Badge>
  );
}

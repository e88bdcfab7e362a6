import { Badge, Button, Group, NativeSelect, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { teamRoleSchema, type Case, type TeamMember, type TeamRole } from '../../../../domain/cases.ts';
import { roleSchema } from '../../../../domain/roles.ts';
import { ConfirmModal } from '../../ui/confirm-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { describeError } from '../../ui/errors.ts';
import { formatDateTime } from '../../ui/format.ts';
import { notifyFailure, notifySuccess } from '../../ui/notify.ts';
import { useColleagues, useRemoveMember, useSetMember } from './cases-api.ts';

const TEAM_ROLES = teamRoleSchema.options;

/**
 * The case team. Everyone who sees the case sees who else does; the lead and the supervisors of
 * its members (`allowed.manageTeam`) add people of their organisation, change roles and remove.
 */
export function TeamSection({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const manage = caseData.allowed.manageTeam;
  const [removing, setRemoving] = useState<TeamMember | null>(null);
  const leads = caseData.team.filter((member) => member.teamRole === 'lead').length;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="case-team-heading">
      <Title order={2} size="h3" id="case-team-heading" mb="sm">
        {t('cases.team.heading')}
      </Title>
      <Stack>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" data-testid="case-team">
            <Table.Caption>{t('cases.team.caption', { count: caseData.team.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cases.team.name')}</Table.Th>
                <Table.Th scope="col">{t('cases.team.roles')}</Table.Th>
                <Table.Th scope="col">{t('cases.team.teamRole')}</Table.Th>
                <Table.Th scope="col">{t('cases.team.addedAt')}</Table.Th>
                {manage && <Table.Th scope="col">{t('cases.team.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {caseData.team.map((member) => (
                <MemberRow
                  key={member.userId}
                  caseId={caseData.id}
                  member={member}
                  manage={manage}
                  soleLead={member.teamRole === 'lead' && leads === 1}
                  onRemove={() => setRemoving(member)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {manage && <AddMemberForm caseData={caseData} />}
      </Stack>
      {removing && <RemoveMemberModal caseId={caseData.id} member={removing} onClose={() => setRemoving(null)} />}
    </Paper>
  );
}

/** "Investigator, Prosecutor": a user's roles in their organisation, translated. */
function useRoleList() {
  const { t } = useTranslation();
  return (roles: readonly string[]) =>
    roles
      .map((role) => {
        const parsed = roleSchema.safeParse(role);
        return parsed.success ? t(`roles.${parsed.data}`) : role;
      })
      .join(', ');
}

/** Props of a row of the team table. */
interface MemberRowProps {
  caseId: string;
  member: TeamMember;
  manage: boolean;
  /** The case's only lead: the server refuses to leave a case without one, so the row says so instead. */
  soleLead: boolean;
  onRemove: () => void;
}

function MemberRow({ caseId, member, manage, soleLead, onRemove }: MemberRowProps) {
  const { t, i18n } = useTranslation();
  const roleList = useRoleList();
  const setMember = useSetMember(caseId);
  return (
    <Table.Tr data-testid={`team-row-${member.email}`}>
      <Table.Td>
        <Text fw={600}>{member.displayName}</Text>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {member.email}
        </Text>
      </Table.Td>
      <Table.Td>{roleList(member.roles)}</Table.Td>
      <Table.Td>
        {manage ? (
          <NativeSelect
            aria-label={t('cases.team.teamRoleOf', { name: member.displayName })}
            value={member.teamRole}
            disabled={setMember.isPending || soleLead}
            description={soleLead ? t('cases.team.soleLead') : undefined}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            onChange={(event) => {
              const teamRole = teamRoleSchema.safeParse(event.currentTarget.value);
              if (!teamRole.success) return;
              setMember.mutate(
                { userId: member.userId, teamRole: teamRole.data },
                {
                  onSuccess: () => notifySuccess(t('cases.team.roleChanged', { name: member.displayName })),
                  onError: (error) => notifyFailure(t('cases.team.failed'), describeError(error, t)),
                },
              );
            }}
            data={TEAM_ROLES.map((value) => ({ value, label: t(`cases.teamRoles.${value}`) }))}
            w={160}
            data-testid={`team-role-${member.email}`}
          />
        ) : (
          <Badge variant={member.teamRole === 'lead' ? 'filled' : 'light'} color="blue">
            {t(`cases.teamRoles.${member.teamRole}`)}
          </Badge>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(member.addedAt, i18n.language)}</Table.Td>
      {manage && (
        <Table.Td>
          <Button
            size="compact-sm"
            variant="default"
            onClick={onRemove}
            disabled={soleLead}
            aria-label={t('cases.team.removeNamed', { name: member.displayName })}
            data-testid={`team-remove-${member.email}`}
          >
            {t('cases.team.remove')}
          </Button>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

function RemoveMemberModal({ caseId, member, onClose }: { caseId: string; member: TeamMember; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useRemoveMember(caseId);
  return (
    <ConfirmModal
      opened
      title={t('cases.team.removeTitle')}
      message={t('cases.team.removeConfirm', { name: member.displayName })}
      confirmLabel={t('cases.team.remove')}
      danger
      loading={remove.isPending}
      onClose={onClose}
      onConfirm={() =>
        remove.mutate(member.userId, {
          onSuccess: () => {
            notifySuccess(t('cases.team.removed', { name: member.displayName }));
            onClose();
          },
          onError: (error) => notifyFailure(t('cases.team.failed'), describeError(error, t)),
        })
      }
    />
  );
}

/** Picks a colleague who is not on the team yet, and their team role. */
function AddMemberForm({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const roleList = useRoleList();
  const colleagues = useColleagues(true);
  const setMember = useSetMember(caseData.id);
  const [userId, setUserId] = useState<string | null>(null);
  const [teamRole, setTeamRole] = useState<TeamRole>('member');
  const [missing, setMissing] = useState(false);
  const onTeam = new Set(caseData.team.map((member) => member.userId));
  const candidates = (colleagues.data?.items ?? []).filter((colleague) => !onTeam.has(colleague.id));

  return (
    <form
      noValidate
      aria-labelledby="case-team-add-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (userId === null) {
          setMissing(true);
          return;
        }
        const chosen = candidates.find((colleague) => colleague.id === userId);
        setMember.mutate(
          { userId, teamRole },
          {
            onSuccess: () => {
              notifySuccess(t('cases.team.added', { name: chosen?.displayName ?? '' }));
              setUserId(null);
              setTeamRole('member');
            },
          },
        );
      }}
    >
      <Title order={3} size="h4" id="case-team-add-heading" mb="xs">
        {t('cases.team.addHeading')}
      </Title>
      <ErrorAlert error={colleagues.error} onRetry={() => void colleagues.refetch()} />
      <ErrorAlert error={setMember.error} />
      <Group align="flex-start" gap="sm">
        <Select
          label={t('cases.team.colleague')}
          placeholder={t('cases.team.colleaguePlaceholder')}
          searchable
          value={userId}
          onChange={(value) => {
            setUserId(value);
            setMissing(false);
          }}
          data={candidates.map((colleague) => ({
            value: colleague.id,
            label: `${colleague.displayName} (${roleList(colleague.roles)})`,
          }))}
          nothingFoundMessage={colleagues.isPending ? t('common.loading') : t('cases.team.noColleague')}
          error={missing ? t('cases.team.chooseColleague') : undefined}
          style={{ flex: 1, minWidth: 240 }}
          data-testid="team-add-user"
        />
        <NativeSelect
          label={t('cases.team.teamRole')}
          value={teamRole}
          onChange={(event) => {
            const parsed = teamRoleSchema.safeParse(event.currentTarget.value);
            if (parsed.success) setTeamRole(parsed.data);
          }}
          data={TEAM_ROLES.map((value) => ({ value, label: t(`cases.teamRoles.${value}`) }))}
          w={160}
          data-testid="team-add-role"
        />
        <Button type="submit" mt={25} loading={setMember.isPending} data-testid="team-add-submit">
          {t('cases.team.add')}
        </Button>
      </Group>
    </form>
  );
}

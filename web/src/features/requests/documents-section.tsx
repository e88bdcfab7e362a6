import { Anchor, Badge, Button, Code, CopyButton, Group, NativeSelect, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestView } from '../../../../domain/requests/api.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { documentUrl, useGenerateDocument } from './requests-api.ts';

type DocumentFormat = 'pdf' | 'docx';
type DocumentLanguage = 'en' | 'fr';

function formatSize(bytes: number, language: string): string {
  const kib = bytes / 1024;
  return kib < 1024
    ? `${new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(Math.max(1, kib))} KB`
    : `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(kib / 1024)} MB`;
}

/**
 * The request as a document to send: PDF or DOCX, in English or French, one per version of the
 * text. Each is stored with its SHA-256 (shown short, in full on hover and copy), and marked
 * outdated once the request has changed since.
 */
export function DocumentsSection({ request }: { request: RequestView }) {
  const { t, i18n } = useTranslation();
  const generate = useGenerateDocument(request.id);
  const [format, setFormat] = useState<DocumentFormat>('pdf');
  const [language, setLanguage] = useState<DocumentLanguage>(i18n.language.startsWith('fr') ? 'fr' : 'en');
  const documents = [...request.documents].sort((a, b) => b.version - a.version || a.generatedAt.localeCompare(b.generatedAt));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="request-documents-heading" data-testid="request-documents">
      <Title order={2} size="h3" id="request-documents-heading" mb="sm">
        {t('requests.documents.heading')}
      </Title>
      <Stack gap="md">
        <Text size="sm">{t('requests.documents.intro')}</Text>
        <form
          noValidate
          aria-label={t('requests.documents.generateLabel')}
          onSubmit={(event) => {
            event.preventDefault();
            generate.mutate(
              { format, language },
              { onSuccess: (document) => notifySuccess(t('requests.documents.generated', { version: document.version, format: document.format.toUpperCase() })) },
            );
          }}
        >
          <Group align="flex-end" gap="sm">
            <NativeSelect
              label={t('requests.documents.format')}
              value={format}
              onChange={(event) => setFormat(event.currentTarget.value === 'docx' ? 'docx' : 'pdf')}
              data={[
                { value: 'pdf', label: 'PDF' },
                { value: 'docx', label: 'DOCX (Word)' },
              ]}
              w={180}
              data-testid="document-format"
            />
            <NativeSelect
              label={t('requests.documents.language')}
              value={language}
              onChange={(event) => setLanguage(event.currentTarget.value === 'fr' ? 'fr' : 'en')}
              data={[
                { value: 'en', label: 'English' },
                { value: 'fr', label: 'Français' },
              ]}
              w={180}
              data-testid="document-language"
            />
            <Button type="submit" loading={generate.isPending} data-testid="document-generate">
              {t('requests.documents.generate')}
            </Button>
          </Group>
        </form>
        <ErrorAlert error={generate.error} />
        {documents.length === 0 ? (
          <Text c="dimmed" data-testid="documents-none">
            {t('requests.documents.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="sm" striped data-testid="documents-table">
              <Table.Caption>{t('requests.documents.caption', { version: request.bodyVersion })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('requests.documents.version')}</Table.Th>
                  <Table.Th scope="col">{t('requests.documents.file')}</Table.Th>
                  <Table.Th scope="col">{t('requests.documents.generatedAt')}</Table.Th>
                  <Table.Th scope="col">{t('requests.documents.sha256')}</Table.Th>
                  <Table.Th scope="col">{t('requests.documents.state')}</Table.Th>
                  <Table.Th scope="col">{t('requests.documents.download')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {documents.map((document) => {
                  const name = `${request.reference} v${document.version} ${document.format.toUpperCase()} (${document.language})`;
                  return (
                    <Table.Tr key={document.id} data-testid="document-row" data-format={document.format} data-language={document.language}>
                      <Table.Td>{document.version}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {document.format.toUpperCase()} · {document.language === 'fr' ? 'Français' : 'English'}
                        <Text size="xs" c="dimmed">
                          {formatSize(document.size, i18n.language)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDateTime(document.generatedAt, i18n.language)}</Text>
                        <Text size="xs" c="dimmed">
                          {document.generatedBy}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Tooltip label={document.sha256} withArrow multiline w={320} style={{ wordBreak: 'break-all' }}>
                            <Code title={document.sha256} data-testid="document-sha" data-sha256={document.sha256}>
                              {document.sha256.slice(0, 12)}…
                            </Code>
                          </Tooltip>
                          <CopyButton value={document.sha256}>
                            {({ copied, copy }) => (
                              <Button size="compact-xs" variant="subtle" onClick={copy} aria-label={t('requests.documents.copySha', { name })}>
                                {copied ? t('common.copied') : t('common.copy')}
                              </Button>
                            )}
                          </CopyButton>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        {document.current ? (
                          <Badge color="green" variant="light" data-testid="document-current">
                            {t('requests.documents.current')}
                          </Badge>
                        ) : (
                          <Badge color="gray" variant="light" data-testid="document-outdated">
                            {t('requests.documents.outdated')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Anchor href={documentUrl(request.id, document.id)} download size="sm" fw={600} aria-label={t('requests.documents.downloadNamed', { name })} data-testid="document-download">
                          {t('requests.documents.download')}
                        </Anchor>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

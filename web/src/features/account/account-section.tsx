import { Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** Props of {@link AccountSection}. */
export interface AccountSectionProps {
  /** Used for the heading's id, which names the section landmark. */
  id: string;
  title: string;
  children: ReactNode;
}

/** One titled block of the account page, exposed as a named region. */
export function AccountSection({ id, title, children }: AccountSectionProps) {
  const headingId = `${id}-heading`;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

import { Alert, Button, Container } from '@mantine/core';
import { Component, type ReactNode } from 'react';
import { Trans } from 'react-i18next';

/**
 * Catches a rendering error anywhere below it, so a bug shows a message and a way out instead of
 * a blank page (what users saw when a date format threw).
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('Liaison: the page failed to render', error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Container size="sm" py="xl">
        <Alert color="red" role="alert" title={<Trans i18nKey="errors.title" />} data-testid="render-error">
          <Trans i18nKey="errors.render" />
          <Button mt="md" display="block" onClick={() => window.location.reload()}>
            <Trans i18nKey="errors.reload" />
          </Button>
        </Alert>
      </Container>
    );
  }
}

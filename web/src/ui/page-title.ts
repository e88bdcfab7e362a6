import { useEffect } from 'react';

/** Sets `document.title` to `<title> · Liaison`, so each page is announced and bookmarked by name. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Liaison`;
  }, [title]);
}

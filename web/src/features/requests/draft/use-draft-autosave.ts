/**
 * Autosave of a draft: the body is saved about a second after the user stops typing, with the
 * version it was based on. Nothing typed is ever lost: until the server has it, a copy sits in
 * sessionStorage under the request and the version it was based on, and a refused save (someone
 * else saved meanwhile: 409) leaves the text on screen with a way to reload and restore it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestView } from '../../../../../domain/requests/api.ts';
import { ApiError } from '../../../api/client.ts';
import { saveDraft, useStoreSavedDraft } from '../requests-api.ts';
import type { Body } from './body-paths.ts';

/** How long after the last keystroke the draft is saved. */
export const AUTOSAVE_DELAY_MS = 1000;

const STASH_PREFIX = 'liaison.draft.';

/** Where the autosave stands, for the status line. */
export type AutosaveStatus =
  | { state: 'idle' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'saved'; at: Date }
  | { state: 'conflict'; message: string }
  | { state: 'error'; error: unknown };

/** An unsaved copy of a draft kept in this browser tab's session. */
export interface StashedDraft {
  key: string;
  /** The version the copy was based on. */
  version: number;
  body: Body;
  /** When it was typed, ISO. */
  at: string;
}

function stashKey(id: string, version: number): string {
  return `${STASH_PREFIX}${id}.${version}`;
}

function writeStash(id: string, version: number, body: Body): void {
  try {
    sessionStorage.setItem(stashKey(id, version), JSON.stringify({ body, at: new Date().toISOString() }));
  } catch {
    // Storage full or disabled: the text is still on screen and the autosave keeps trying.
  }
}

function removeStash(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Nothing to do: a copy left behind is offered again and can be discarded.
  }
}

/** The newest unsaved copy of a request's draft in this tab's session, if any. */
export function readStash(id: string): StashedDraft | null {
  let newest: StashedDraft | null = null;
  try {
    for (let index = 0; index < sessionStorage.length; index++) {
      const key = sessionStorage.key(index);
      if (!key?.startsWith(`${STASH_PREFIX}${id}.`)) continue;
      const version = Number(key.slice(`${STASH_PREFIX}${id}.`.length));
      const parsed = JSON.parse(sessionStorage.getItem(key) ?? 'null') as { body?: unknown; at?: unknown } | null;
      if (!parsed || typeof parsed.body !== 'object' || parsed.body === null || typeof parsed.at !== 'string') continue;
      if (newest === null || parsed.at > newest.at) newest = { key, version, body: parsed.body as Body, at: parsed.at };
    }
  } catch {
    return null;
  }
  return newest;
}

/** Removes every unsaved copy of a request's draft. */
export function clearStashes(id: string): void {
  try {
    const keys: string[] = [];
    for (let index = 0; index < sessionStorage.length; index++) {
      const key = sessionStorage.key(index);
      if (key?.startsWith(`${STASH_PREFIX}${id}.`)) keys.push(key);
    }
    keys.forEach(removeStash);
  } catch {
    // See removeStash.
  }
}

/** What the editor gets from {@link useDraftAutosave}. */
export interface DraftAutosave {
  body: Body;
  check: RequestView['check'];
  status: AutosaveStatus;
  /** Whether something typed is not on the server yet. */
  dirty: boolean;
  /** Replaces the body (after a change in a field) and schedules the save. */
  change: (next: Body) => void;
  /** Saves now; resolves true once everything typed is saved. */
  flush: () => Promise<boolean>;
  /** After a conflict: takes the server's current version; the typed text stays in the session copy. */
  adopt: (request: RequestView) => void;
}

/** Autosave of the draft of `request` (see the module comment). */
export function useDraftAutosave(request: RequestView): DraftAutosave {
  const id = request.id;
  const storeSaved = useStoreSavedDraft();
  const [body, setBody] = useState<Body>(() => request.body);
  const [check, setCheck] = useState(request.check);
  const [status, setStatus] = useState<AutosaveStatus>({ state: 'idle' });
  const [dirty, setDirty] = useState(false);
  const bodyRef = useRef<Body>(request.body);
  const versionRef = useRef(request.bodyVersion);
  const dirtyRef = useRef(false);
  const blockedRef = useRef(false);
  const inFlightRef = useRef<Promise<void> | null>(null);
  const timerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const markDirty = useCallback((value: boolean) => {
    dirtyRef.current = value;
    setDirty(value);
  }, []);

  /** One save of what is typed now; false when the server refused it (the text stays dirty). */
  const saveOnce = useCallback(async (): Promise<boolean> => {
    const sending = bodyRef.current;
    const version = versionRef.current;
    markDirty(false);
    setStatus({ state: 'saving' });
    try {
      const saved = await saveDraft(id, { body: sending, bodyVersion: version });
      versionRef.current = saved.bodyVersion;
      removeStash(stashKey(id, version));
      setCheck(saved.check);
      storeSaved(saved);
      if (bodyRef.current !== sending) {
        // Typed while the save ran: that text is now based on the new version.
        markDirty(true);
        writeStash(id, saved.bodyVersion, bodyRef.current);
      } else {
        setStatus({ state: 'saved', at: new Date() });
      }
      return true;
    } catch (error) {
      markDirty(true);
      if (error instanceof ApiError && error.status === 409) {
        blockedRef.current = true;
        setStatus({ state: 'conflict', message: error.body.error.message });
      } else {
        setStatus({ state: 'error', error });
      }
      return false;
    }
  }, [id, markDirty, storeSaved]);

  const flush = useCallback(async (): Promise<boolean> => {
    clearTimeout(timerRef.current);
    for (;;) {
      if (inFlightRef.current) {
        await inFlightRef.current;
        continue;
      }
      if (blockedRef.current) return false;
      if (!dirtyRef.current) return true;
      const run = saveOnce();
      inFlightRef.current = run.then(() => undefined);
      const ok = await run;
      inFlightRef.current = null;
      // A refused save stops here rather than hammering the server; the next change tries again.
      if (!ok) return false;
    }
  }, [saveOnce]);

  const change = useCallback(
    (next: Body) => {
      bodyRef.current = next;
      setBody(next);
      markDirty(true);
      writeStash(id, versionRef.current, next);
      if (blockedRef.current) return;
      setStatus({ state: 'pending' });
      clearTimeout(timerRef.current);
      timerRef.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    },
    [flush, id, markDirty],
  );

  const adopt = useCallback(
    (fresh: RequestView) => {
      clearTimeout(timerRef.current);
      blockedRef.current = false;
      bodyRef.current = fresh.body;
      versionRef.current = fresh.bodyVersion;
      setBody(fresh.body);
      setCheck(fresh.check);
      markDirty(false);
      setStatus({ state: 'idle' });
    },
    [markDirty],
  );

  // Leaving the page (closing the tab, reloading, typing another address) with unsaved text: the
  // browser asks first. The session copy survives a reload in any case.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirtyRef.current && inFlightRef.current === null) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  // Leaving the editor inside the app (another page, a transition): save what is pending now.
  useEffect(
    () => () => {
      if (dirtyRef.current && !blockedRef.current) void flush();
    },
    [flush],
  );

  return { body, check, status, dirty, change, flush, adopt };
}

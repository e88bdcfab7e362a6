/** Filters kept in the address (`?q=…&country=…&page=2`), read and written as plain strings. */
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

/** Filters show their hint under the input, so the inputs of a row line up whether or not they have one. */
export const FILTER_ORDER: ('label' | 'input' | 'description' | 'error')[] = ['label', 'input', 'description', 'error'];

/** Results per page in the directory lists. */
export const PAGE_SIZE = 25;

/**
 * The filter parameters of the current address and a way to change some of them. The values are
 * held in state too: a navigation is a transition in React Router, and controlled inputs bound
 * to the address alone would show their old value until it ends.
 */
export function useFilterParams() {
  const [params, setParams] = useSearchParams();
  const [values, setValues] = useState(() => new URLSearchParams(params));
  // The newest values, read by `update`: two changes in one render (a select, then a switch)
  // must build on each other, not both on the values of the last render.
  const latest = useRef(values);
  // The addresses this hook wrote and the router has not reported back yet, oldest first. Two
  // quick changes (a select, then a switch) are reported one after the other: the first report
  // is ours too, not a change from outside, and must not undo the second change.
  const written = useRef<string[]>([params.toString()]);
  // The address changed from outside (a menu link, back and forward): it wins.
  useEffect(() => {
    const address = params.toString();
    const ours = written.current.indexOf(address);
    if (ours >= 0) {
      written.current = written.current.slice(ours);
      return;
    }
    written.current = [address];
    latest.current = new URLSearchParams(params);
    setValues(latest.current);
  }, [params]);

  const get = (name: string): string => values.get(name) ?? '';
  /** Changes some parameters (empty string removes one); any change but paging goes back to page 1. */
  const update = (patch: Record<string, string>) => {
    const next = new URLSearchParams(latest.current);
    for (const [name, value] of Object.entries(patch)) {
      if (value === '') next.delete(name);
      else next.set(name, value);
    }
    if (!('page' in patch)) next.delete('page');
    written.current = [...written.current.slice(-15), next.toString()];
    latest.current = next;
    setValues(next);
    setParams(next, { replace: true });
  };
  const page = Math.max(1, Number.parseInt(get('page'), 10) || 1);
  return { get, update, page };
}

/**
 * The text search box: typed freely, applied to the address (and so to the query) once the
 * typing pauses, so each keystroke does not start a search.
 */
export function useSearchText(current: string, apply: (value: string) => void): [string, (value: string) => void] {
  const [text, setText] = useState(current);
  const [debounced] = useDebouncedValue(text, 300);
  // The latest address value and setter, read when the debounced text settles (not on their change).
  const latest = useRef({ current, apply });
  latest.current = { current, apply };
  useEffect(() => {
    if (debounced.trim() !== latest.current.current) latest.current.apply(debounced.trim());
  }, [debounced]);
  return [text, setText];
}

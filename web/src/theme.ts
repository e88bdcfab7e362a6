/**
 * Mantine theme, adjusted for WCAG AA contrast (4.5:1), which several Mantine defaults miss on
 * white: blue buttons and links at shade 6, "dimmed" and error text, and the text of light
 * variants (alerts, badges) in green, yellow, orange and others. axe-core checks the result in
 * the end-to-end tests.
 */
import { Badge, DEFAULT_THEME, NavLink, createTheme, darken, luminance, type CSSVariablesResolver } from '@mantine/core';

/** Contrast ratio between two colours, per WCAG 2. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * Shade 9 of a palette, darkened until it reads on the light-variant background (shade 1, or
 * shade 2 on hover) with a small margin over 4.5:1.
 */
function readableLightColor(palette: readonly string[]): string {
  const [background, text] = [palette[2] ?? '#fff', palette[9] ?? '#000'];
  let amount = 0;
  while (contrast(darken(text, amount), background) < 4.6 && amount < 1) amount += 0.05;
  return darken(text, amount);
}

/** The app's theme. */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  // Below this luminance white text reaches 4.5:1, above it black text does.
  autoContrast: true,
  luminanceThreshold: 0.18,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  defaultRadius: 'sm',
  components: {
    // The light variant's hover shade (blue 2) under blue 9 text is 4.0:1; filled is 5:1 and up.
    NavLink: NavLink.extend({ defaultProps: { variant: 'filled' } }),
    // Badges are short labels; in a narrow table cell Mantine would cut them to "FAILU…".
    Badge: Badge.extend({ styles: { root: { minWidth: 'max-content' } } }),
  },
});

const lightColorVariables = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors).map(([name, palette]) => [
    `--mantine-color-${name}-light-color`,
    readableLightColor(palette),
  ]),
);

/** Colour variables Mantine derives from its defaults, replaced with accessible ones. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    ...lightColorVariables,
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});

/**
 * Fictitious but realistic request outlines in English and French, shaped like a T-CY preservation
 * request: the renderer tests, the benchmark (bench/documents.bench.ts) and a visual check of the
 * layout all draw the same documents. Every name, address and identifier here is invented.
 */
import { createHash } from 'node:crypto';
import type { DocumentLanguage, DocumentOutline, OutlineItem, OutlineSection } from '../../../domain/documents.ts';

export interface SampleOutlineOptions {
  language: DocumentLanguage;
  /** Rows of the identifiers table (default 10). */
  identifiers?: number;
  /** Items across the sections, signature excluded (default: the 26 written ones; more are generated). */
  items?: number;
}

interface Texts {
  title: string;
  subtitle: string;
  footer: string;
  sections: { heading: string; items: [string, string | string[], string?][] }[];
  identifiersHeading: string;
  columns: string[];
  kinds: string[];
  /** A platform note, the word for a port, a free note. */
  notes: [string, string, string];
  signatureHeading: string;
  signature: [string, string][];
  extraLabel: string;
  extraValue: string;
}

const EN: Texts = {
  title: 'Request for the expedited preservation of stored computer data',
  subtitle: 'T-CY(2018)11 — Budapest Convention Arts. 29 and 30',
  footer: 'Handling: restricted — law enforcement and judicial use only',
  sections: [
    {
      heading: 'Part A — Requesting authority',
      items: [
        ['Requesting State', 'Republic of Examplia', 'Budapest Art. 29(2)(a)'],
        ['Requesting authority', 'National Cybercrime Unit, Child Protection Division\n12 Harbour Street\nPort Example 10115'],
        ['Contact person', 'Detective Inspector Jane O’Connor — +99 20 5550 0142 — j.oconnor@ncu.example.gov'],
        ['24/7 point of contact', 'Examplia 24/7 Network point of contact (Art. 35) — +99 20 5550 0100, available at all hours'],
        ['Language of the reply', 'English or French'],
      ],
    },
    {
      heading: 'Part B — Investigation',
      items: [
        ['Nature of the investigation', 'Criminal investigation into the production and distribution of child sexual abuse material.', 'Budapest Art. 29(2)(b)'],
        [
          'Summary of the facts',
          'Between 3 and 19 March 2026 an account on the requested provider’s service shared links to an onion service hosting abuse material depicting at least four children, apparently aged 6–10.\n\nThe account holder used several IPv4 and IPv6 addresses, listed in the table below with their time zones. The victims have not yet been identified; the material appears to be newly produced, which makes identification and safeguarding urgent.\n\nThe suspect announced in a chat message of 18 March 2026 that the account would be deleted "within days". Without preservation the data needed to identify him is likely to be lost.',
          'Budapest Art. 29(2)(b)',
        ],
        ['Offences', ['Production of child sexual abuse material (Criminal Code s. 201)', 'Distribution of child sexual abuse material (Criminal Code s. 202)', 'Sexual abuse of a child under 12 (Criminal Code s. 176)'], 'Budapest Art. 29(2)(b)'],
        ['Maximum penalty', '15 years’ imprisonment (≥ 1 year, so dual criminality thresholds are met)'],
        ['Case reference of the requesting authority', 'NCU-2026-00417 / Prosecutor’s file PE-26-1193'],
      ],
    },
    {
      heading: 'Part C — Data to be preserved',
      items: [
        ['Service provider', 'Examplechat Ltd., 1 Cloud Avenue, Dublin D02 XY00, Ireland', 'Budapest Art. 29(2)(d)'],
        ['Stored computer data to be preserved', ['Subscriber information of the accounts listed below', 'Traffic data (IP logs with port numbers) from 1 March 2026 to the date of preservation', 'Content of messages and stored files of the accounts listed below'], 'Budapest Art. 29(2)(c)'],
        ['Relationship of the data to the offence', 'The accounts were used to distribute links to the material and to contact at least one child.', 'Budapest Art. 29(2)(d)'],
        ['Location of the data, if known', ''],
        ['Period', 'From 1 March 2026 00:00 UTC to the date of preservation'],
        ['Preservation period requested', '90 days, renewable; a mutual legal assistance request will follow within that period', 'Budapest Art. 29(7)'],
      ],
    },
    {
      heading: 'Part D — Mutual assistance and confidentiality',
      items: [
        ['Intention to submit a request for mutual assistance', 'Yes — a request for the search, seizure and disclosure of the preserved data will be submitted.', 'Budapest Art. 29(2)(e)'],
        ['Need for confidentiality', 'The account holder must not be informed: notification would lead to the destruction of evidence and endanger the children.', 'Budapest Art. 29(2)(g)'],
        ['Disclosure of traffic data (Art. 30)', 'If the provider finds that another provider in a third State was involved in the transmission, please disclose enough traffic data to identify it.', 'Budapest Art. 30'],
        ['Urgency', 'Urgent — risk of ongoing abuse and of deletion of the account.'],
        ['Attachments', []],
      ],
    },
  ],
  identifiersHeading: 'Part E — Identifiers (every time with its time zone)',
  columns: ['Type', 'Identifier', 'Date and time (UTC)', 'Time zone', 'Local time', 'Notes'],
  kinds: ['IP address', 'Onion service', 'IP address', 'User name', 'E-mail address', 'URL'],
  notes: ['Platform: Examplechat', 'Port', 'Shared in a chat message'],
  signatureHeading: 'Part F — Signature and validation',
  signature: [
    ['Drafted by', 'Detective Inspector Jane O’Connor, National Cybercrime Unit'],
    ['Validated by', 'Ms Amélie Durand, Public Prosecutor, Port Example Prosecution Office'],
    ['Place and date', 'Port Example, 20 March 2026'],
  ],
  extraLabel: 'Additional information',
  extraValue: 'The officer in charge can be reached at all hours through the 24/7 point of contact; please quote the case reference.',
};

const FR: Texts = {
  title: 'Demande de conservation rapide de données informatiques stockées',
  subtitle: 'T-CY(2018)11 — Convention de Budapest, art. 29 et 30',
  footer: 'Diffusion restreinte — usage policier et judiciaire exclusivement',
  sections: [
    {
      heading: 'Partie A — Autorité requérante',
      items: [
        ['État requérant', 'République d’Exemplie', 'Budapest art. 29(2)(a)'],
        ['Autorité requérante', 'Office central de lutte contre la cybercriminalité, division de la protection des mineurs\n12, rue du Port\n75015 Ville-Exemple'],
        ['Personne à contacter', 'Commandante Françoise Lefèvre — +99 1 55 50 01 42 — f.lefevre@ocl.exemple.gouv'],
        ['Point de contact 24/7', 'Point de contact du réseau 24/7 (art. 35) — +99 1 55 50 01 00, joignable à toute heure'],
        ['Langue de la réponse', 'Français ou anglais'],
      ],
    },
    {
      heading: 'Partie B — Enquête',
      items: [
        ['Nature de l’enquête', 'Enquête pénale sur la production et la diffusion de contenus pédocriminels.', 'Budapest art. 29(2)(b)'],
        [
          'Exposé des faits',
          'Entre le 3 et le 19 mars 2026, un compte du service du fournisseur requis a diffusé des liens vers un service onion hébergeant des contenus montrant au moins quatre enfants, âgés d’environ 6 à 10 ans.\n\nLe titulaire du compte a utilisé plusieurs adresses IPv4 et IPv6, reprises dans le tableau ci-dessous avec leur fuseau horaire. Les victimes n’ont pas encore été identifiées ; les contenus semblent récents, ce qui rend leur identification et leur mise en sécurité urgentes.\n\nLe suspect a annoncé le 18 mars 2026 que le compte serait supprimé « d’ici quelques jours ». Sans conservation, les données permettant de l’identifier risquent d’être perdues.',
          'Budapest art. 29(2)(b)',
        ],
        ['Infractions', ['Production de contenus pédocriminels (Code pénal, art. 227-23)', 'Diffusion de contenus pédocriminels (Code pénal, art. 227-23)', 'Agression sexuelle sur mineur de moins de 15 ans (Code pénal, art. 222-29-1)'], 'Budapest art. 29(2)(b)'],
        ['Peine maximale encourue', '20 ans de réclusion criminelle (≥ 1 an : le seuil de double incrimination est atteint)'],
        ['Référence de l’autorité requérante', 'OCL-2026-00417 / parquet PE-26-1193'],
      ],
    },
    {
      heading: 'Partie C — Données à conserver',
      items: [
        ['Fournisseur de services', 'Examplechat Ltd., 1 Cloud Avenue, Dublin D02 XY00, Irlande', 'Budapest art. 29(2)(d)'],
        ['Données informatiques stockées à conserver', ['Données relatives aux abonnés des comptes ci-dessous', 'Données relatives au trafic (journaux IP avec numéros de port) du 1er mars 2026 à la date de conservation', 'Contenu des messages et fichiers stockés des comptes ci-dessous'], 'Budapest art. 29(2)(c)'],
        ['Lien entre les données et l’infraction', 'Les comptes ont servi à diffuser les liens et à entrer en contact avec au moins un enfant.', 'Budapest art. 29(2)(d)'],
        ['Localisation des données, si elle est connue', ''],
        ['Période', 'Du 1er mars 2026 à 00 h 00 UTC à la date de conservation'],
        ['Durée de conservation demandée', '90 jours, renouvelable ; une demande d’entraide suivra dans ce délai', 'Budapest art. 29(7)'],
      ],
    },
    {
      heading: 'Partie D — Entraide et confidentialité',
      items: [
        ['Intention de présenter une demande d’entraide', 'Oui — une demande de perquisition, de saisie et de communication des données conservées sera présentée.', 'Budapest art. 29(2)(e)'],
        ['Confidentialité', 'Le titulaire du compte ne doit pas être informé : cela entraînerait la destruction de preuves et mettrait les enfants en danger.', 'Budapest art. 29(2)(g)'],
        ['Divulgation de données relatives au trafic (art. 30)', 'Si le fournisseur constate qu’un autre fournisseur d’un État tiers a participé à la transmission, merci de divulguer assez de données pour l’identifier.', 'Budapest art. 30'],
        ['Urgence', 'Urgent — risque de violences en cours et de suppression du compte.'],
        ['Pièces jointes', []],
      ],
    },
  ],
  identifiersHeading: 'Partie E — Identifiants (chaque heure avec son fuseau horaire)',
  columns: ['Type', 'Identifiant', 'Date et heure (UTC)', 'Fuseau horaire', 'Heure locale', 'Remarques'],
  kinds: ['Adresse IP', 'Service onion', 'Adresse IP', 'Nom d’utilisateur', 'Adresse électronique', 'URL'],
  notes: ['Plateforme : Examplechat', 'Port', 'Partagé dans un message de discussion'],
  signatureHeading: 'Partie F — Signature et validation',
  signature: [
    ['Rédigé par', 'Commandante Françoise Lefèvre, Office central de lutte contre la cybercriminalité'],
    ['Validé par', 'Mme Amélie Durand, procureure de la République, parquet de Ville-Exemple'],
    ['Lieu et date', 'Ville-Exemple, le 20 mars 2026'],
  ],
  extraLabel: 'Renseignements complémentaires',
  extraValue: 'L’enquêtrice chargée du dossier est joignable à toute heure par le point de contact 24/7 ; merci de rappeler la référence — reçu ou non.',
};

/** Deterministic pseudo-random hex, so the invented identifiers are the same on every run. */
function hexOf(seed: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += createHash('sha256').update(`${seed}:${i}`).digest('hex');
  return out.slice(0, length);
}

/** A fictitious v3 onion address: 56 base32 characters. */
export function sampleOnion(seed: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return [...hexOf(`onion:${seed}`, 56)].map((h, i) => alphabet[(parseInt(h, 16) * 2 + (i % 2)) % 32]).join('') + '.onion';
}

function sampleIdentifier(kind: number, i: number): string {
  const h = hexOf(`id:${i}`, 32);
  switch (kind) {
    case 0:
      return `2001:0db8:${h.slice(0, 4)}:${h.slice(4, 8)}:${h.slice(8, 12)}:${h.slice(12, 16)}:${h.slice(16, 20)}:${h.slice(20, 24)}`;
    case 1:
      return sampleOnion(String(i));
    case 2:
      return `203.0.113.${(parseInt(h.slice(0, 2), 16) % 254) + 1}`;
    case 3:
      return `user_${h.slice(0, 10)}`;
    case 4:
      return `anon.${h.slice(0, 8)}@mail.example.net`;
    default:
      return `https://files.example.org/share/${h.slice(0, 24)}/view?download=1&ref=${h.slice(24, 32)}`;
  }
}

/** A sample outline; `identifiers` and `items` grow the document for page-break and timing tests. */
export function buildSampleOutline(options: SampleOutlineOptions): DocumentOutline {
  const t = options.language === 'fr' ? FR : EN;
  const rowCount = options.identifiers ?? 10;
  let n = 0;
  const sections: OutlineSection[] = t.sections.map((section) => ({
    heading: section.heading,
    items: section.items.map(([label, value, source]): OutlineItem => ({ number: String(++n), label, value, ...(source ? { source } : {}) })),
  }));
  const last = sections[sections.length - 1]!;
  for (let extra = 1; n < (options.items ?? 0); extra++) {
    last.items.push({ number: String(n + 1), label: `${t.extraLabel} (${extra})`, value: extra % 3 === 0 ? [t.extraValue, t.extraValue] : t.extraValue, source: extra % 2 === 0 ? 'Budapest Art. 29(2)(f)' : undefined });
    n++;
  }
  // Shaped like domain/requests/definition.ts buildIdentifiersTable: kind, value, UTC time, zone, local time, notes.
  const zones: [string, number][] = [['Europe/Paris', 1], ['UTC', 0], ['America/Argentina/Buenos_Aires', -3], ['Asia/Kolkata', 5.5]];
  const rows = Array.from({ length: rowCount }, (_, i) => {
    const kind = i % t.kinds.length;
    const utc = new Date(Date.UTC(2026, 2, 3 + (i % 17), (7 + i * 5) % 24, (i * 13) % 60, (i * 29) % 60));
    const [zone, offset] = zones[i % zones.length]!;
    const local = new Date(utc.getTime() + offset * 3600_000);
    const sign = offset < 0 ? '-' : '+';
    const hhmm = `${String(Math.floor(Math.abs(offset))).padStart(2, '0')}:${String((Math.abs(offset) % 1) * 60).padStart(2, '0')}`;
    const note = kind === 2 ? `${t.notes[1]} ${40000 + i * 7}` : kind === 3 ? t.notes[0] : kind === 1 ? t.notes[2] : '';
    const print = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');
    return [t.kinds[kind]!, sampleIdentifier(kind, i), print(utc), zone, `${print(local)} (UTC${sign}${hhmm})`, note];
  });
  return {
    language: options.language,
    title: t.title,
    subtitle: t.subtitle,
    reference: options.language === 'fr' ? 'Dossier OCL-2026-00417 · Demande LIA-2026-0031' : 'Case NCU-2026-00417 · Request LIA-2026-0031',
    version: 2,
    generatedAt: '2026-03-20T09:41:07.000Z',
    footer: t.footer,
    sections,
    identifiers: { heading: t.identifiersHeading, columns: t.columns, rows },
    signature: {
      heading: t.signatureHeading,
      items: t.signature.map(([label, value], i): OutlineItem => ({ number: String(n + 1 + i), label, value })),
    },
  };
}

/**
 * The preservation request through the 24/7 network: the document names every item of Budapest
 * Art. 29(2) with its value in both languages (the end-to-end test reads the same text from the
 * PDF), the identifiers table shows each time with its zone, and an extension carries the earlier
 * request's reference.
 */
import { describe, expect, it } from 'vitest';
import type { OutlineItem } from '../documents.ts';
import { preservation247, MLA_TO_FOLLOW_STATEMENT } from './preservation-247.ts';
import { buildOutlineContext, buildPrefillContext, PRESERVATION_247_BODY } from './test-fixtures.ts';

function itemsOf(language: 'en' | 'fr'): Map<string, OutlineItem> {
  const outline = preservation247.outline(buildOutlineContext(preservation247, PRESERVATION_247_BODY, language));
  return new Map(outline.sections.flatMap((section) => section.items).map((item) => [item.number, item]));
}

function text(item: OutlineItem | undefined): string {
  return item ? (Array.isArray(item.value) ? item.value.join('\n') : item.value) : '';
}

const body = PRESERVATION_247_BODY;

describe('preservation_247 outline', () => {
  const expected = {
    en: {
      '12(a)': { label: 'Authority seeking the preservation', values: [body.requestingAuthority.organisation, body.requestingAuthority.person] },
      '12(b)': {
        label: 'Offence under investigation and brief summary of the related facts',
        values: ['Child sexual abuse material — distribution', body.offence.provisions ?? '', body.facts],
      },
      '12(c)': {
        label: 'Stored computer data to be preserved and its relationship to the offence',
        values: ['Subscriber information', 'Traffic data', body.data.description, '203.0.113.45', 'lune.bleue@example.com', 'From 2026-11-01 to 2026-11-20', body.data.relationToOffence],
      },
      '12(d)': {
        label: 'Available information identifying the custodian of the data or the location of the computer system',
        values: [body.custodian.name, body.custodian.details ?? ''],
      },
      '12(e)': { label: 'Necessity of the preservation', values: [body.necessity] },
      '12(f)': { label: 'Statement that a request for mutual assistance will follow', values: [MLA_TO_FOLLOW_STATEMENT.en] },
    },
    fr: {
      '12(a)': { label: 'Autorité qui demande la conservation', values: [body.requestingAuthority.organisation, body.requestingAuthority.person] },
      '12(b)': {
        label: 'Infraction faisant l’objet de l’enquête ou de la procédure pénale et bref exposé des faits qui s’y rattachent',
        values: ['Matériel pédopornographique — diffusion', body.offence.provisions ?? '', body.facts],
      },
      '12(c)': {
        label: 'Données informatiques stockées à conserver et nature de leur lien avec l’infraction',
        values: ['Informations relatives aux abonnés', 'Données relatives au trafic', body.data.description, '203.0.113.45', 'Du 2026-11-01 au 2026-11-20', body.data.relationToOffence],
      },
      '12(d)': {
        label: 'Informations disponibles permettant d’identifier le gardien des données ou l’emplacement du système informatique',
        values: [body.custodian.name],
      },
      '12(e)': { label: 'Nécessité de la mesure de conservation', values: [body.necessity] },
      '12(f)': { label: 'Déclaration qu’une demande d’entraide suivra', values: [MLA_TO_FOLLOW_STATEMENT.fr] },
    },
  } as const;

  it.each(['en', 'fr'] as const)('contains every Art. 29(2) item, label and value, in %s', (language) => {
    const items = itemsOf(language);
    for (const [number, { label, values }] of Object.entries(expected[language])) {
      const item = items.get(number);
      expect(item?.label, number).toBe(label);
      expect(item?.source, number).toBe(language === 'en' ? `Budapest Art. 29(2)(${number.slice(3, 4)})` : `Convention de Budapest, art. 29(2)(${number.slice(3, 4)})`);
      for (const value of values) expect(text(item), `${number}: ${value}`).toContain(value);
    }
  });

  it('numbers the items after the T-CY template, requesting authority with its time zone and reply channel', () => {
    const items = itemsOf('en');
    expect([...items.keys()]).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12(a)', '12(b)', '12(c)', '12(d)', '12(e)', '12(f)', '13', '14']);
    expect(text(items.get('1'))).toBe('2026-11-21');
    expect(text(items.get('3'))).toBe('New request');
    expect(text(items.get('5'))).toContain('Time zone: Europe/Paris');
    expect(text(items.get('5'))).toContain('Reply preferred by means of: E-mail or other expedited means');
    expect(items.get('5')?.source).toBe('T-CY(2018)11 item 5');
    expect(itemsOf('fr').get('5')?.source).toBe('T-CY(2018)11, rubrique 5');
    expect(text(itemsOf('fr').get('5'))).toContain('Fuseau horaire : Europe/Paris');
    expect(text(items.get('14'))).toBe('Yes');
    expect(text(itemsOf('fr').get('14'))).toBe('Oui');
    // Items left empty print nothing: the renderer prints "—".
    expect(items.get('11')?.value).toBe('');
    expect(items.get('7')?.value).toEqual([]);
  });

  it.each(['en', 'fr'] as const)('prints the identifiers table with every time and its zone (%s)', (language) => {
    const outline = preservation247.outline(buildOutlineContext(preservation247, { ...body, identifiers: [...body.identifiers, { kind: 'ip', value: '198.51.100.7', observedAt: '2026-07-01T22:10:00Z' }] }, language));
    expect(outline.identifiers.columns).toEqual(
      language === 'en'
        ? ['Type', 'Identifier', 'Date and time (UTC)', 'Time zone', 'Local time', 'Notes']
        : ['Type', 'Identifiant', 'Date et heure (UTC)', 'Fuseau horaire', 'Heure locale', 'Remarques'],
    );
    const [ip, email, summer] = outline.identifiers.rows;
    expect(ip).toEqual(
      language === 'en'
        ? ['IP address', '203.0.113.45', '2026-11-20 13:45:12', 'Europe/Paris', '2026-11-20 14:45:12 (UTC+01:00)', 'Port 51234; Platform: Examplemail']
        : ['Adresse IP', '203.0.113.45', '2026-11-20 13:45:12', 'Europe/Paris', '2026-11-20 14:45:12 (UTC+01:00)', 'Port 51234 ; Plateforme : Examplemail'],
    );
    expect(email?.slice(2, 5)).toEqual(['', '', '']);
    // A time without a recorded zone is shown in UTC, never without a zone.
    expect(summer?.slice(2, 5)).toEqual(['2026-07-01 22:10:00', 'UTC', '2026-07-01 22:10:00 (UTC+00:00)']);
  });

  it('prints the signature block and the header', () => {
    const outline = preservation247.outline(buildOutlineContext(preservation247, body, 'fr'));
    expect(outline.title).toBe('Demande de conservation rapide de données informatiques stockées');
    expect(outline.subtitle).toContain('T-CY(2018)11');
    expect(outline.signature.items.map((item) => [item.label, item.value])).toEqual([
      ['Rédigé par', 'Claire Martin, Enquêteur'],
      ['Validé par', 'Anne Leroy, Procureur'],
      ['Validé le', '2026-11-21 09:30:00 (UTC+00:00)'],
      ['Décision', 'Approved'],
      ['Envoyé le', '2026-11-21 10:05:00 (UTC+00:00)'],
    ]);
  });
});

describe('preservation_247 prefill', () => {
  it('starts a new request from the case and the counterpart', () => {
    const draft = preservation247.prefill(
      buildPrefillContext({ counterpart: { kind: 'contact_point_24_7', name: 'Ruritania 24/7 point of contact (fictitious)', country: 'NL', email: 'pc247@example.nl' } }),
    );
    expect(draft.status).toEqual({ kind: 'new' });
    expect(draft.requestedAuthority).toEqual({ name: 'Ruritania 24/7 point of contact (fictitious)', country: 'NL', email: 'pc247@example.nl' });
    expect(draft.requestingAuthority?.timeZone).toBe('Europe/Paris');
    expect(draft.offence?.categories).toEqual(['csam_distribution']);
    expect(draft.mlaToFollow).toBeUndefined();
  });

  it('makes an extension that carries the earlier request, its reference and its data', () => {
    const draft = preservation247.prefill(
      buildPrefillContext({ date: '2027-01-15', identifiers: [], parent: { type: 'preservation_247', reference: 'REQ-0007', sentAt: '2026-11-21T10:05:00Z', body } }),
    );
    expect(draft.status).toEqual({ kind: 'extension' });
    expect(draft.previousPreservation).toEqual({
      reference: 'REQ-0007',
      date: '2026-11-21',
      requestingAuthority: body.requestingAuthority.organisation,
      respondingAuthority: body.requestedAuthority.name,
      channel: '24/7 network (Budapest Art. 35)',
    });
    expect(draft.requestedAuthority?.name).toBe(body.requestedAuthority.name);
    expect(draft.custodian).toEqual(body.custodian);
    expect(draft.data?.relationToOffence).toBe(body.data.relationToOffence);
    expect(draft.identifiers).toEqual(body.identifiers);
    const completed = { ...draft, date: '2027-01-15', necessity: body.necessity, mlaToFollow: true, data: { ...draft.data, description: body.data.description } };
    expect(preservation247.check(completed).missing).toEqual([]);
  });
});

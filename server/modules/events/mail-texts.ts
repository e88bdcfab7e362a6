/**
 * The texts of the e-mails to registrants, in English and French (the registrant's choice on
 * the form). Plain text only: names and titles typed by people are never interpreted as markup.
 * Links are written as placeholders (linkPlaceholder); the outbox fills them with a fresh
 * personal token when it sends, and shows `[link]` in the organiser's message log.
 */
import { durationMs, type MailKind, type RegistrationLanguage } from '../../../domain/events.ts';
import { formatInZone } from '../../../domain/time.ts';
import type { EventRow, RegistrationRow } from './events.store.ts';

/** The link placeholders a body may contain. */
export const LINK_KINDS = ['verify', 'manage', 'cancel', 'accept', 'decline'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
/**
 * Placeholders are delimited by U+0001, a control character every text field refuses: a name or
 * title typed as "{{link:verify}}" stays text and can never turn into a link.
 */
export const linkPlaceholder = (kind: LinkKind) => `\u0001link:${kind}\u0001`;
// eslint-disable-next-line no-control-regex -- U+0001 delimits placeholders on purpose (see above)
export const LINK_PLACEHOLDER = /\u0001link:(verify|manage|cancel|accept|decline)\u0001/g;

/** Why a registration was cancelled, for the cancellation e-mail. */
export type CancelReason = 'by_registrant' | 'offer_declined' | 'offer_expired';

export interface MailContext {
  event: EventRow;
  registration: RegistrationRow;
  /** The event's public page. */
  eventUrl: string;
  /** For `reminder`: the offset this reminder is for. */
  offset?: string;
  /** For `cancellation`. */
  cancelReason?: CancelReason;
  /** For `rejection` and `event_cancelled`: the organiser's words. */
  note?: string;
}

const LOCALE: Record<RegistrationLanguage, string> = { en: 'en-GB', fr: 'fr-FR' };

function when(ctx: MailContext, iso: Date): string {
  const lang = ctx.registration.language;
  const zoned = formatInZone(iso.toISOString(), ctx.event.time_zone, LOCALE[lang]);
  const utc = formatInZone(iso.toISOString(), 'UTC', LOCALE[lang]);
  return ctx.event.time_zone === 'UTC' ? zoned : `${zoned} — ${utc}`;
}

function offsetWords(offset: string, lang: RegistrationLanguage): string {
  const minutes = Math.round((durationMs(offset) ?? 0) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts: string[] = [];
  const unit = (n: number, en: string, fr: string) => `${n} ${lang === 'fr' ? fr : en}${n > 1 ? 's' : ''}`;
  if (days) parts.push(unit(days, 'day', 'jour'));
  if (hours) parts.push(unit(hours, 'hour', 'heure'));
  if (mins) parts.push(unit(mins, 'minute', 'minute'));
  return parts.join(lang === 'fr' ? ' et ' : ' and ');
}

const durationText = (minutes: number, lang: RegistrationLanguage) => offsetWords(`PT${minutes}M`, lang) || '—';

function details(ctx: MailContext): string[] {
  const e = ctx.event;
  const lang = ctx.registration.language;
  // French puts a (narrow) space before the colon.
  const label = (en: string, fr: string) => (lang === 'fr' ? `${fr} :` : `${en}:`);
  return [
    `${label('Event', 'Événement')} ${e.title}`,
    `${label('Starts', 'Début')} ${when(ctx, e.starts_at)}`,
    `${label('Expected duration', 'Durée prévue')} ${durationText(e.duration_minutes, lang)}`,
    `${label('Language', 'Langue')} ${e.language}${e.interpretation_note ? ` — ${e.interpretation_note}` : ''}`,
    `${label('Event page', 'Page de l’événement')} ${ctx.eventUrl}`,
  ];
}

function privateBlock(ctx: MailContext): string[] {
  const e = ctx.event;
  const fr = ctx.registration.language === 'fr';
  const out: string[] = [];
  if (e.connection_instructions) out.push('', fr ? 'COMMENT SE CONNECTER' : 'HOW TO CONNECT', e.connection_instructions);
  if (e.rules_of_engagement) out.push('', fr ? 'RÈGLES DE PARTICIPATION' : 'RULES OF ENGAGEMENT', e.rules_of_engagement);
  return out;
}

function cancelLine(ctx: MailContext): string[] {
  const fr = ctx.registration.language === 'fr';
  return ['', fr ? `Si vous ne pouvez plus participer, libérez votre place pour la personne suivante : ${linkPlaceholder('cancel')}`
    : `If you can no longer attend, please free your seat for the next person: ${linkPlaceholder('cancel')}`];
}

function signature(ctx: MailContext): string[] {
  const e = ctx.event;
  const fr = ctx.registration.language === 'fr';
  return [
    '',
    `— ${e.organiser}`,
    ...(e.contact_email ? [fr ? `Contact : ${e.contact_email}` : `Contact: ${e.contact_email}`] : []),
    '',
    fr ? `Message envoyé par Liaison pour le compte de ${e.organiser}.` : `Sent by Liaison on behalf of ${e.organiser}.`,
  ];
}

const greeting = (ctx: MailContext) => (ctx.registration.language === 'fr' ? `Bonjour ${ctx.registration.name},` : `Hello ${ctx.registration.name},`);

/** Subject and plain-text body of one e-mail. */
export function renderMail(kind: MailKind, ctx: MailContext): { subject: string; body: string } {
  const e = ctx.event;
  const r = ctx.registration;
  const fr = r.language === 'fr';
  const t = (en: string, frText: string) => (fr ? frText : en);
  const lines: string[] = [greeting(ctx), ''];
  let subject: string;
  switch (kind) {
    case 'verification':
      subject = t(`Confirm your registration: ${e.title}`, `Confirmez votre inscription : ${e.title}`);
      lines.push(
        t(`This address was registered for "${e.title}".`, `Cette adresse a été inscrite à « ${e.title} ».`),
        t('Your registration counts only once you have followed this link (valid 72 hours):', 'Votre inscription ne compte qu’une fois ce lien suivi (valable 72 heures) :'),
        linkPlaceholder('verify'),
        '',
        t('If you did not register, ignore this message: nothing more will be sent, and the data are deleted within 7 days.',
          'Si vous ne vous êtes pas inscrit, ignorez ce message : rien d’autre ne sera envoyé et les données seront effacées sous 7 jours.'),
        '',
        ...details(ctx),
      );
      break;
    case 'approval_pending':
      subject = t(`Registration received, awaiting approval: ${e.title}`, `Inscription reçue, en attente d’approbation : ${e.title}`);
      lines.push(
        t('Thank you: your address is verified. The organiser reviews each registration; you will receive another e-mail with their decision.',
          'Merci : votre adresse est vérifiée. L’organisateur examine chaque inscription ; vous recevrez un autre message avec sa décision.'),
        '',
        ...details(ctx),
        ...cancelLine(ctx),
      );
      break;
    case 'confirmation':
      subject = t(`Registration confirmed: ${e.title}`, `Inscription confirmée : ${e.title}`);
      lines.push(
        t('Your registration is confirmed: a seat is reserved for you. The calendar entry is attached (event.ics).',
          'Votre inscription est confirmée : une place vous est réservée. L’entrée d’agenda est jointe (event.ics).'),
        '',
        ...details(ctx),
        ...privateBlock(ctx),
        ...cancelLine(ctx),
        t(`Your registration: ${linkPlaceholder('manage')}`, `Votre inscription : ${linkPlaceholder('manage')}`),
      );
      break;
    case 'waiting_list':
      subject = t(`You are on the waiting list: ${e.title}`, `Vous êtes sur la liste d’attente : ${e.title}`);
      lines.push(
        t(`The event is full, so you are on the waiting list. When a seat becomes free, it is offered to the first person on the list by e-mail, with ${e.offer_window_hours} hours to accept.`,
          `L’événement est complet : vous êtes sur la liste d’attente. Lorsqu’une place se libère, elle est proposée par e-mail à la première personne de la liste, qui dispose de ${e.offer_window_hours} heures pour l’accepter.`),
        '',
        ...details(ctx),
        '',
        t(`Your place on the list: ${linkPlaceholder('manage')}`, `Votre place sur la liste : ${linkPlaceholder('manage')}`),
        t(`To leave the waiting list: ${linkPlaceholder('cancel')}`, `Pour quitter la liste d’attente : ${linkPlaceholder('cancel')}`),
      );
      break;
    case 'offer':
      subject = t(`A seat is free for you: ${e.title}`, `Une place est disponible pour vous : ${e.title}`);
      lines.push(
        t('A seat has become free and is offered to you.', 'Une place s’est libérée et vous est proposée.'),
        t(`Accept it before ${when(ctx, r.offer_expires_at ?? e.starts_at)}:`, `Acceptez-la avant le ${when(ctx, r.offer_expires_at ?? e.starts_at)} :`),
        linkPlaceholder('accept'),
        '',
        t(`If you cannot attend, decline it so it goes to the next person: ${linkPlaceholder('decline')}`,
          `Si vous ne pouvez pas participer, refusez-la pour qu’elle passe à la personne suivante : ${linkPlaceholder('decline')}`),
        t('Without an answer in time, the seat passes to the next person on the list.', 'Sans réponse à temps, la place passe à la personne suivante de la liste.'),
        '',
        ...details(ctx),
      );
      break;
    case 'cancellation': {
      subject = t(`Registration cancelled: ${e.title}`, `Inscription annulée : ${e.title}`);
      const why: Record<CancelReason, string> = {
        by_registrant: t('Your registration is cancelled, as you asked.', 'Votre inscription est annulée, comme vous l’avez demandé.'),
        offer_declined: t('You declined the seat offered to you; it goes to the next person on the list.', 'Vous avez refusé la place proposée ; elle passe à la personne suivante de la liste.'),
        offer_expired: t('The seat offered to you was not accepted in time and has passed to the next person on the list.',
          'La place qui vous était proposée n’a pas été acceptée à temps et est passée à la personne suivante de la liste.'),
      };
      lines.push(why[ctx.cancelReason ?? 'by_registrant'], '', ...details(ctx));
      break;
    }
    case 'rejection':
      subject = t(`Registration not accepted: ${e.title}`, `Inscription non retenue : ${e.title}`);
      lines.push(
        t('The organiser could not accept your registration.', 'L’organisateur n’a pas pu retenir votre inscription.'),
        ...(ctx.note ? ['', ctx.note] : []),
        '',
        ...details(ctx),
      );
      break;
    case 'reminder':
      subject = t(`Reminder: ${e.title} starts in ${offsetWords(ctx.offset ?? 'P1D', 'en')}`, `Rappel : ${e.title} commence dans ${offsetWords(ctx.offset ?? 'P1D', 'fr')}`);
      lines.push(
        t('This is a reminder of the event you are registered for.', 'Ceci est un rappel de l’événement auquel vous êtes inscrit.'),
        '',
        ...details(ctx),
        ...privateBlock(ctx),
        ...cancelLine(ctx),
      );
      break;
    case 'follow_up':
      subject = t(`Thank you for taking part: ${e.title}`, `Merci de votre participation : ${e.title}`);
      lines.push(
        t('Thank you for registering. The organiser shares these materials:', 'Merci de votre inscription. L’organisateur partage ces documents :'),
        '',
        ...e.materials.map((m) => `- ${m.label}: ${m.url}`),
      );
      break;
    case 'event_cancelled':
      subject = t(`Event cancelled: ${e.title}`, `Événement annulé : ${e.title}`);
      lines.push(
        t('The organiser has cancelled this event. Your registration no longer applies.', 'L’organisateur a annulé cet événement. Votre inscription est sans objet.'),
        ...(ctx.note ? ['', ctx.note] : []),
        '',
        ...details(ctx),
      );
      break;
  }
  lines.push(...signature(ctx));
  return { subject: subject.slice(0, 250), body: lines.join('\n') };
}

/** The body as the organiser's message log shows it: personal links hidden. */
export const redactLinks = (body: string) => body.replace(LINK_PLACEHOLDER, '[link]');

/** The link kinds a body uses: verification bodies need a verify token, the others a manage token. */
export function linkPurposeOf(body: string): 'verify' | 'manage' | null {
  const kinds = [...body.matchAll(LINK_PLACEHOLDER)].map((m) => m[1] as LinkKind);
  if (kinds.length === 0) return null;
  return kinds.includes('verify') ? 'verify' : 'manage';
}

/**
 * The content of letters in bokmål and nynorsk: the decision letter (what is granted in plain words,
 * the reasons, the right to complain and to see the documents; fvl §§ 24–25, 27; pbrl §§ 7-2, 7-5),
 * the provisional reply (fvl § 11 a) and the advance notice before a reduction or end (fvl § 16).
 */
import type { ActionPayload } from '../domain/case/actions.ts';
import type { Reasons } from '../domain/decision/reasons.ts';
import { complaintBodyOf, findCatalogueEntry } from '../domain/services/catalogue.ts';
import { requestRuleFor } from '../domain/decision/requestAnswer.ts';
import type { PaymentStatement } from '../domain/payments/index.ts';
import { PAYMENT_HEADING, paymentParagraphs } from './payment.ts';

export type Lang = 'nb' | 'nn';

export interface LetterContext {
  readonly lang: Lang;
  readonly letterhead: { readonly name: string; readonly unit?: string; readonly postalAddress?: string; readonly phone?: string; readonly complaintBody?: string };
  readonly recipient: readonly string[];
  readonly caseNumber: string;
  readonly date: string;
  readonly caseworker: string;
}

export interface LetterContent {
  readonly lang: Lang;
  readonly title: string;
  readonly caseNumber: string;
  readonly letterhead: LetterContext['letterhead'];
  readonly recipient: readonly string[];
  readonly reference: readonly string[];
  readonly sections: readonly { readonly heading?: string; readonly paragraphs: readonly string[] }[];
  readonly closing: readonly string[];
}

const MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];

/** 2. desember 2026 */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d}. ${MONTHS[m - 1]} ${y}`;
}

type Words = Record<Lang, string>;
const w = (nb: string, nn: string): Words => ({ nb, nn });

const T = {
  decisionTitle: w('Vedtak om', 'Vedtak om'),
  ourRef: w('Saksnummer', 'Saksnummer'),
  date: w('Dato', 'Dato'),
  handled: w('Vi har behandlet søknaden din om', 'Vi har handsama søknaden din om'),
  received: w('som vi fikk', 'som vi fekk'),
  granted: w('Du får', 'Du får'),
  partly: w('Søknaden din er delvis innvilget. Du får', 'Søknaden din er delvis innvilga. Du får'),
  refused: w('Søknaden din er avslått.', 'Søknaden din er avslått.'),
  hoursWeek: w('timer i uka', 'timar i veka'),
  from: w('fra', 'frå'),
  until: w('til og med', 'til og med'),
  untilFurther: w('inntil videre', 'inntil vidare'),
  reevaluate: w('Vi vurderer vedtaket på nytt innen', 'Vi vurderer vedtaket på nytt innan'),
  timeFixed: w('Hjelpen er fastsatt i timer. Tidspunktene avtaler du med dem som gir tjenesten.', 'Hjelpa er fastsett i timar. Tidspunkta avtalar du med dei som gir tenesta.'),
  normTime: w('Vedtaket beskriver hjelpen du skal få. Tiden som brukes, tilpasses behovet ditt.', 'Vedtaket skildrar hjelpa du skal få. Tida som blir brukt, blir tilpassa behovet ditt.'),
  frame: w('Teamet ditt kan tilpasse hjelpen innenfor denne rammen uten nytt vedtak. Målene er:', 'Teamet ditt kan tilpasse hjelpa innanfor denne ramma utan nytt vedtak. Måla er:'),
  upTo: w('inntil', 'inntil'),
  place: w('Du får plass:', 'Du får plass:'),
  also: w('I tillegg får du:', 'I tillegg får du:'),
  instead: w('Dette gis i stedet for', 'Dette blir gitt i staden for'),
  appliedFor: w('som du søkte om.', 'som du søkte om.'),
  waiting: w(
    'Det er ikke ledig plass nå. Du står på venteliste, og vi kontakter deg når vi kan tilby plass (helse- og omsorgstjenesteloven § 3-2 a).',
    'Det er ikkje ledig plass no. Du står på venteliste, og vi kontaktar deg når vi kan tilby plass (helse- og omsorgstenestelova § 3-2 a).',
  ),
  watch: w('Det er ikke ledig plass nå. I mellomtiden får du', 'Det er ikkje ledig plass no. I mellomtida får du'),
  watchFollow: w('Vi følger med på hvordan du har det, og vurderer saken din på nytt innen', 'Vi følgjer med på korleis du har det, og vurderer saka di på nytt innan'),
  whatYouGet: w('Dette får du', 'Dette får du'),
  referral: w('Andre som kan hjelpe deg:', 'Andre som kan hjelpe deg:'),
  referralTo: {
    gp: w('fastlegen din', 'fastlegen din'),
    specialist_health_service: w('spesialisthelsetjenesten', 'spesialisthelsetenesta'),
    nav: w('NAV', 'NAV'),
    voluntary: w('et frivillig tilbud', 'eit frivillig tilbod'),
    low_threshold: w('et lavterskeltilbud i kommunen', 'eit lågterskeltilbod i kommunen'),
    other: w('et annet tilbud', 'eit anna tilbod'),
  },
  youAsked: w('Du søkte om', 'Du søkte om'),
  askedRefused: w('Søknaden om dette er avslått.', 'Søknaden om dette er avslått.'),
  askedPartly: w('Søknaden om dette er delvis innvilget.', 'Søknaden om dette er delvis innvilga.'),
  because: w('Grunnen er:', 'Grunnen er:'),
  tasks: w('Hjelpen gjelder', 'Hjelpa gjeld'),
  minutes: w('minutter', 'minutt'),
  perWeek: w('ganger i uken', 'gonger i veka'),
  goals: w('Målene vi har satt sammen med deg:', 'Måla vi har sett saman med deg:'),
  reasons: w('Begrunnelse', 'Grunngiving'),
  rulesHeading: w('Vedtaket bygger på', 'Vedtaket byggjer på'),
  factsHeading: w('Det vi har lagt vekt på', 'Det vi har lagt vekt på'),
  complaint: w('Du kan klage', 'Du kan klage'),
  complaintText: w(
    'Hvis du er uenig i vedtaket, kan du klage. Fristen for å klage er fire uker fra du fikk dette brevet (pasient- og brukerrettighetsloven § 7-5).',
    'Dersom du er usamd i vedtaket, kan du klage. Fristen for å klage er fire veker frå du fekk dette brevet (pasient- og brukarrettslova § 7-5).',
  ),
  complaintTextFvl: w(
    'Hvis du er uenig i vedtaket, kan du klage. Fristen for å klage er tre uker fra du fikk dette brevet (forvaltningsloven § 29).',
    'Dersom du er usamd i vedtaket, kan du klage. Fristen for å klage er tre veker frå du fekk dette brevet (forvaltningslova § 29).',
  ),
  complaintBodyFvl: w('kommunens klagenemnd', 'klagenemnda i kommunen'),
  complaintFinalFvl: w('som avgjør den (forvaltningsloven § 28 annet ledd).', 'som avgjer ho (forvaltningslova § 28 andre ledd).'),
  complaintHow: w(
    'Klagen skal være skriftlig. Skriv hvilket vedtak du klager på, hva du ønsker endret, og skriv under. Send klagen til oss. Vi kan hjelpe deg med å skrive klagen.',
    'Klaga skal vere skriftleg. Skriv kva vedtak du klagar på, kva du ønskjer endra, og skriv under. Send klaga til oss. Vi kan hjelpe deg med å skrive klaga.',
  ),
  complaintBody: w('Vi vurderer saken på nytt. Gir vi deg ikke medhold, sender vi klagen til', 'Vi vurderer saka på nytt. Gir vi deg ikkje medhald, sender vi klaga til'),
  complaintFinal: w('som avgjør den (pasient- og brukerrettighetsloven § 7-2).', 'som avgjer ho (pasient- og brukarrettslova § 7-2).'),
  access: w('Du har rett til å se dokumentene i saken din', 'Du har rett til å sjå dokumenta i saka di'),
  accessText: w(
    'Du har rett til å se dokumentene i saken din (forvaltningsloven §§ 18 og 19). Ta kontakt med oss hvis du vil se dem.',
    'Du har rett til å sjå dokumenta i saka di (forvaltningslova §§ 18 og 19). Ta kontakt med oss om du vil sjå dei.',
  ),
  regards: w('Med vennlig hilsen', 'Med venleg helsing'),
  signed: w('Brevet er godkjent elektronisk og har derfor ingen underskrift.', 'Brevet er godkjent elektronisk og har difor inga underskrift.'),
  provisionalTitle: w('Foreløpig svar på søknaden din', 'Førebels svar på søknaden din'),
  provisionalText: w('Vi har fått søknaden din om', 'Vi har fått søknaden din om'),
  provisionalCannot: w('Vi kan ikke svare innen én måned fordi', 'Vi kan ikkje svare innan éin månad fordi'),
  provisionalExpect: w('Du kan vente svar innen', 'Du kan vente svar innan'),
  provisionalLaw: w('Vi sender dette foreløpige svaret etter forvaltningsloven § 11 a.', 'Vi sender dette førebelse svaret etter forvaltningslova § 11 a.'),
  noticeTitle: w('Forhåndsvarsel', 'Førehandsvarsel'),
  noticeReduce: w('Vi vurderer å redusere tjenesten din:', 'Vi vurderer å redusere tenesta di:'),
  noticeEnd: w('Vi vurderer å avslutte tjenesten din:', 'Vi vurderer å avslutte tenesta di:'),
  noticeComment: w('Du har rett til å uttale deg før vi gjør vedtak. Gi oss beskjed innen', 'Du har rett til å uttale deg før vi gjer vedtak. Gi oss beskjed innan'),
  noticeLaw: w('Vi sender dette varselet etter forvaltningsloven § 16. Endringen blir ikke gjort uten et nytt vedtak som du kan klage på.', 'Vi sender dette varselet etter forvaltningslova § 16. Endringa blir ikkje gjord utan eit nytt vedtak som du kan klage på.'),
};

/** A name inside a sentence: its first letter small, the rest as written (so "BPA" stays "BPA"). */
function inSentence(name: string): string {
  return name.charAt(0).toLocaleLowerCase('nb') + name.slice(1);
}

function serviceName(code: string, lang: Lang): string {
  return findCatalogueEntry(code)?.name[lang] ?? code;
}

function base(ctx: LetterContext, title: string): Omit<LetterContent, 'sections'> {
  return {
    lang: ctx.lang,
    title,
    caseNumber: ctx.caseNumber,
    letterhead: ctx.letterhead,
    recipient: ctx.recipient,
    reference: [`${T.ourRef[ctx.lang]}: ${ctx.caseNumber}`, `${T.date[ctx.lang]}: ${longDate(ctx.date)}`],
    closing: [T.regards[ctx.lang], ctx.caseworker, ctx.letterhead.name, '', T.signed[ctx.lang]],
  };
}

/** What is granted, in plain words (seed 003: people under less detailed decisions do not know what they got). */
function grantedParagraphs(d: ActionPayload<'decision_made'>, requested: string, lang: Lang): string[] {
  const asked = requestParagraphs(d, requested, lang);
  // The caseworker's own plain words come first (seed 003: people under less detailed decisions do not know what they got).
  const summary = [d.summary];
  if (d.outcome === 'refused') return [...asked, ...refusedParagraphs(d, lang), ...summary, ...referralParagraphs(d, lang)];
  return [...asked, ...mainGrant(d, lang), ...summary, ...extras(d, lang), ...referralParagraphs(d, lang)];
}

/** Where the person is sent on (videre henvisning; fvl § 11), in the letter as in the case. */
function referralParagraphs(d: ActionPayload<'decision_made'>, lang: Lang): string[] {
  const r = d.onwardReferral;
  if (!r) return [];
  return [`${T.referral[lang]} ${r.name ? `${r.name} (${T.referralTo[r.to][lang]})` : T.referralTo[r.to][lang]}. ${r.note}`];
}

function refusedParagraphs(d: ActionPayload<'decision_made'>, lang: Lang): string[] {
  const out = [T.refused[lang]];
  if (d.watchList) out.push(`${T.watch[lang]} ${inSentence(serviceName(d.watchList.interimService, lang))}. ${T.watchFollow[lang]} ${longDate(d.watchList.reviewBy)}.`);
  return out;
}

function mainGrant(d: ActionPayload<'decision_made'>, lang: Lang): string[] {
  const lead = d.outcome === 'granted' ? T.granted[lang] : T.partly[lang];
  const name = inSentence(serviceName(d.serviceCode, lang));
  const period = `${T.from[lang]} ${longDate(d.validFrom)} ${d.validTo ? `${T.until[lang]} ${longDate(d.validTo)}` : T.untilFurther[lang]}`;
  if (d.form === 'frame' && d.frame) {
    return [`${lead} ${name}, ${T.upTo[lang]} ${d.frame.maxHoursPerWeek} ${T.hoursWeek[lang]}, ${period}.`, `${T.frame[lang]} ${d.frame.goals.join('; ')}.`];
  }
  if (d.form === 'place' || findCatalogueEntry(d.serviceCode)?.institutional) return [`${T.place[lang]} ${name}, ${period}.`];
  const hours = d.hoursPerWeek !== undefined ? `, ${d.hoursPerWeek} ${T.hoursWeek[lang]}` : '';
  const goals = d.goals?.length ? [`${T.goals[lang]} ${d.goals.join('; ')}.`] : [];
  return [`${lead} ${name}${hours}, ${period}.`, ...measure(d, lang), ...goals];
}

/** How the help is measured, only as the decision states it: hours for a time-fixed decision, tasks for norm time. */
function measure(d: ActionPayload<'decision_made'>, lang: Lang): string[] {
  if (d.form === 'time_fixed') return d.hoursPerWeek !== undefined ? [T.timeFixed[lang]] : [];
  if (d.form !== 'norm_time') return [];
  const task = (t: NonNullable<typeof d.tasks>[number]) => `${inSentence(t.text)} (${t.normMinutes} ${T.minutes[lang]}${t.perWeek !== undefined ? `, ${t.perWeek} ${T.perWeek[lang]}` : ''})`;
  const tasks = (d.tasks ?? []).map(task);
  return [T.normTime[lang], ...(tasks.length ? [`${T.tasks[lang]} ${tasks.join(', ')}.`] : [])];
}

/** When another service is decided than the one asked for, the letter answers the request as made (pbrl § 2-1 a, § 2-1 d). */
function requestParagraphs(d: ActionPayload<'decision_made'>, requested: string, lang: Lang): string[] {
  if (!d.requestAnswer) return [];
  const outcome = d.requestAnswer.outcome === 'refused' ? T.askedRefused[lang] : T.askedPartly[lang];
  const rule = requestRuleFor(requested);
  return [`${T.youAsked[lang]} ${inSentence(serviceName(requested, lang))}. ${outcome} ${T.because[lang]} ${d.requestAnswer.reasons.replace(/\.$/, '')} (${rule.citation}).`];
}

function extras(d: ActionPayload<'decision_made'>, lang: Lang): string[] {
  const out: string[] = [];
  const item = (p: NonNullable<typeof d.package>[number]) =>
    `${inSentence(serviceName(p.serviceCode, lang))}${p.hoursPerWeek !== undefined ? ` (${p.hoursPerWeek} ${T.hoursWeek[lang]})` : ''}`;
  if (d.package?.length) out.push(`${T.also[lang]} ${d.package.map(item).join(', ')}.`);
  if (d.alternativeTo) out.push(`${T.instead[lang]} ${inSentence(serviceName(d.alternativeTo, lang))}, ${T.appliedFor[lang]}`);
  if (d.waitingList) out.push(T.waiting[lang]);
  if (d.reevaluateBy) out.push(`${T.reevaluate[lang]} ${longDate(d.reevaluateBy)}.`);
  return out;
}

function reasonParagraphs(r: Reasons, lang: Lang): string[] {
  return [
    `${T.rulesHeading[lang]}: ${r.rules.map((x) => `${x.text} (${x.citation})`).join('. ')}.`,
    ...r.criteria,
    ...(r.facts.length ? [`${T.factsHeading[lang]}: ${r.facts.join(' ')}`] : []),
    ...(r.considerations ? [r.considerations] : []),
    ...(r.departure ? [r.departure] : []),
  ];
}

export function decisionLetter(ctx: LetterContext, d: ActionPayload<'decision_made'>, reasons: Reasons, receivedOn: string, requested: string = d.serviceCode, payment?: PaymentStatement | null): LetterContent {
  const lang = ctx.lang;
  const service = inSentence(serviceName(requested, lang));
  // A decision under forvaltningsloven alone (a care flat) has its own deadline and complaint body (fvl §§ 28–29).
  const fvl = complaintBodyOf(d.serviceCode) === 'municipal_board';
  const body = fvl ? T.complaintBodyFvl[lang] : (ctx.letterhead.complaintBody ?? 'Statsforvalteren');
  return {
    ...base(ctx, `${T.decisionTitle[lang]} ${service}`),
    sections: [
      { paragraphs: [`${T.handled[lang]} ${service} ${T.received[lang]} ${longDate(receivedOn)}.`] },
      { heading: T.whatYouGet[lang], paragraphs: grantedParagraphs(d, requested, lang) },
      ...(payment?.lines.length ? [{ heading: PAYMENT_HEADING[lang], paragraphs: paymentParagraphs(payment, lang) }] : []),
      { heading: T.reasons[lang], paragraphs: reasonParagraphs(reasons, lang) },
      { heading: T.complaint[lang], paragraphs: [(fvl ? T.complaintTextFvl : T.complaintText)[lang], T.complaintHow[lang], `${T.complaintBody[lang]} ${body}, ${(fvl ? T.complaintFinalFvl : T.complaintFinal)[lang]}`] },
      { heading: T.access[lang], paragraphs: [T.accessText[lang]] },
    ],
  };
}

export function provisionalReplyLetter(ctx: LetterContext, p: { serviceCode: string; receivedOn: string; reason: string; expectedBy: string }): LetterContent {
  const lang = ctx.lang;
  return {
    ...base(ctx, T.provisionalTitle[lang]),
    sections: [
      {
        paragraphs: [
          `${T.provisionalText[lang]} ${inSentence(serviceName(p.serviceCode, lang))}, ${longDate(p.receivedOn)}.`,
          `${T.provisionalCannot[lang]} ${p.reason.charAt(0).toLowerCase()}${p.reason.slice(1).replace(/\.$/, '')}.`,
          `${T.provisionalExpect[lang]} ${longDate(p.expectedBy)}.`,
          T.provisionalLaw[lang],
        ],
      },
    ],
  };
}

export function advanceNoticeLetter(ctx: LetterContext, n: { serviceCode: string; change: 'reduction' | 'end'; description: string; commentsBy: string }): LetterContent {
  const lang = ctx.lang;
  return {
    ...base(ctx, `${T.noticeTitle[lang]}: ${inSentence(serviceName(n.serviceCode, lang))}`),
    sections: [
      {
        paragraphs: [
          `${n.change === 'reduction' ? T.noticeReduce[lang] : T.noticeEnd[lang]} ${n.description}`,
          `${T.noticeComment[lang]} ${longDate(n.commentsBy)}.`,
          T.noticeLaw[lang],
        ],
      },
    ],
  };
}

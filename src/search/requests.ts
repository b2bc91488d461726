/*
 * Requests for help with one's own case — to find or contact a relative, a lawyer, a phone
 * number, how to file an application — are not questions the published sources answer, however
 * many of the operation's words they use. They are recognised by how they ask, on the folded
 * Cyrillic text (Latin and keyboard variants already turned into it).
 */
import { foldKazakh, normalize } from "./normalize.ts";

const RUSSIAN = [
  // pleas and advice
  /(?<!\p{L})(помогите|помоги|посоветуйте|посоветуй)(?!\p{L})/u,
  /(?<!\p{L})что (мне|нам) (делать|предпринять)/u,
  // contact details
  /(?<!\p{L})(связаться|связатся|связаца|свяжитесь|созвониться|дозвониться)(?!\p{L})/u,
  /(?<!\p{L})(номер|телефон|контакты|e-?mail|почту|адрес)(?!\p{L})/u,
  // a lawyer sought, not one who asks or is mentioned ("я юрист", «заңгер, психолог бар»)
  /(?<!\p{L})(нужен|нужна|найти|нанять|посоветуйте|посоветуй|какой|какого|к какому) (мне |нам )?(хорош\p{L}* )?(адвокат|юрист)/u,
  // how do I …: a question word before an infinitive
  /(?<!\p{L})(как|куда|кому|где|к кому) (мне |нам )?(обратиться|подать|написать|писать|оформить|получить|найти|забрать|вернуть|восстановить|позвонить|пойти|добиться|помочь|узнать о)(?!\p{L})/u,
  /(?<!\p{L})(подать|написать) (заявление|заявку|обращение|запрос|апелляцию|жалобу|иск)/u,
];

const KAZAKH = [
  /(?<!\p{L})(комектесиниз|комектесинизши|комектесиндерши|комектесе аласыз ба|комек керек|комек бериниз)/u,
  /(?<!\p{L})(хабарласу|хабарласам|хабарласа аламын|хабарласуга|хабарласайын|байланысуга|байланыса аламын|байланысу|байланысам)(?!\p{L})/u,
  /(?<!\p{L})(телефон|телефоны|телефонын|номири|номирин|номир)(?!\p{L})/u,
  // a lawyer sought, not one who asks or is mentioned
  /(?<!\p{L})(кай|кандай|жаксы) (адвокат|зангер)/u,
  /(?<!\p{L})(адвокат|зангер)(ка|ге|га|ке) (жугин|бар|хабарлас)/u,
  /(?<!\p{L})(адвокат|зангер) (керек|тауып|табу|жалда|танымайсыз)/u,
  /(?<!\p{L})(жугину|жугинуи|жугинейин|жугинсем|жугинуим|жугину керек)(?!\p{L})/u,
  /(?<!\p{L})отиниш (жазу|жазуым|беру|берсем|тапсыру)/u,
  /(?<!\p{L})не (истеу|истеуим|истеуимиз|истеймин|истесем) (керек|болады)/u,
  /(?<!\p{L})(кайда|кимге|калай) (бару|барсам|барайын|жугину|жазу|айналысу) керек/u,
  /(?<!\p{L})(тауып беруге|тауып бересиз|тауып бериниз|тауып бериндерши|алып беруге|алдыруга|кайтаруга бола ма|калпына келтиремин)/u,
];

/** Whether the message asks for help with a personal case rather than about what the sources say. */
export function isPersonalRequest(text: string): boolean {
  const folded = foldKazakh(normalize(text)).replace(/\s+/g, " ");
  return RUSSIAN.some((pattern) => pattern.test(folded)) || KAZAKH.some((pattern) => pattern.test(folded));
}

import { describe, expect, it } from "vitest";
import { isPersonalRequest } from "../../src/search/requests.ts";

describe("isPersonalRequest", () => {
  it("recognises requests for help with one's own case", () => {
    for (const text of [
      "Как мне связаться с сестрой, которая осталась в лагере аль-Холь?",
      "дайте номер телефона кнб по сирии",
      "посоветуйте адвоката",
      "куда обратиться, чтобы вернули племянника?",
      "Қарындасымды елге қайтару үшін қайда өтініш жазуым керек?",
      "Бағдаттағы түрмедегі апама адвокат тауып бересіз бе",
      "кимге хабарласам болады",
    ]) {
      expect(isPersonalRequest(text), text).toBe(true);
    }
  });

  it("does not take questions about the sources for requests", () => {
    for (const text of [
      "Сколько детей вернули из Ирака?",
      "Как доказали родство детей с родственниками?",
      "Какой процент женщин идёт на контакт при реабилитации?",
      "Сириядан оралғандарға қандай көмек көрсетілді?",
      "Атау елді сағынумен байланысты қойылды ма?",
    ]) {
      expect(isPersonalRequest(text), text).toBe(false);
    }
  });
});

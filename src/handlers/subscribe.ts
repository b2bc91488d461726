import { Composer } from "grammy";
import type { MenuTemplate } from "grammy-inline-menu";
import { interfaceLanguage, type BotContext, type BotDeps } from "../context.ts";
import { ACTIONS } from "../menus/paths.ts";

/** Telegram's stand-in for a group's anonymous admins. */
const ANONYMOUS_ADMIN = 1087968824;

/**
 * /subscribe and /unsubscribe, and the toggle in /menu: new material reaches a subscribed chat
 * in its language. In a group only an admin may change it.
 */
export function subscribe(deps: BotDeps): { composer: Composer<BotContext>; menuButton: (main: MenuTemplate<BotContext>) => void } {
  const composer = new Composer<BotContext>();

  /** Subscribes or unsubscribes the chat; what to tell the user, and whether it was refused. */
  const change = async (ctx: BotContext, on: boolean): Promise<{ text: string; refused: boolean }> => {
    const lang = await interfaceLanguage(ctx);
    const chat = ctx.chat;
    if (!chat || chat.type === "channel") return { text: deps.t(lang, "subscribe-not-here"), refused: true };
    if (chat.type !== "private" && !(await isAdmin(ctx))) return { text: deps.t(lang, "subscribe-admins-only"), refused: true };
    const already = await deps.storage.isSubscribed(chat.id);
    if (on) await deps.storage.subscribe(chat.id, chat.type === "private" ? "private" : "group", lang);
    else await deps.storage.unsubscribe(chat.id);
    const key = on ? (already ? "subscribe-already" : "subscribe-done") : already ? "unsubscribe-done" : "unsubscribe-already";
    return { text: deps.t(lang, key), refused: false };
  };

  composer.command("subscribe", async (ctx) => void (await ctx.reply((await change(ctx, true)).text)));
  composer.command("unsubscribe", async (ctx) => void (await ctx.reply((await change(ctx, false)).text)));

  const menuButton = (main: MenuTemplate<BotContext>) =>
    main.interact(ACTIONS.subscribe, {
      text: async (ctx) => {
        const subscribed = ctx.chat ? await deps.storage.isSubscribed(ctx.chat.id) : false;
        return deps.t(await interfaceLanguage(ctx), subscribed ? "menu-unsubscribe" : "menu-subscribe");
      },
      // The menu is redrawn, and the button's new label says what changed; a refusal (a group
      // member who is no admin) is said in the button's answer, and the menu stays as it is.
      do: async (ctx) => {
        const subscribed = ctx.chat ? await deps.storage.isSubscribed(ctx.chat.id) : false;
        const { text, refused } = await change(ctx, !subscribed);
        if (!refused) return ".";
        await ctx.answerCallbackQuery({ text });
        return false;
      },
    });

  return { composer, menuButton };
}

async function isAdmin(ctx: BotContext): Promise<boolean> {
  if (!ctx.from) return false;
  if (ctx.from.id === ANONYMOUS_ADMIN && ctx.senderChat?.id === ctx.chat?.id) return true;
  const member = await ctx.getChatMember(ctx.from.id);
  return member.status === "creator" || member.status === "administrator";
}

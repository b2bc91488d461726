import { Composer } from "grammy";
import type { MenuTemplate } from "grammy-inline-menu";
import { PLAIN, type BotContext, type BotDeps } from "../context.ts";
import type { Menus } from "../menus/menus.ts";
import { ACTIONS, subscriptionPath } from "../menus/paths.ts";
import { subscriptionMenu } from "../menus/subscription.ts";

/** Telegram's stand-in for a group's anonymous admins. */
const ANONYMOUS_ADMIN = 1087968824;

export interface Subscriptions {
  /** The subscription's buttons in the main menu: a private chat's topic menu, a group's toggle. */
  mainButtons(main: MenuTemplate<BotContext>): void;
  /** "Follow" on a figure's card (private chats). */
  figureButtons(card: MenuTemplate<BotContext>): void;
  /** /subscribe and /unsubscribe, once the menus they open exist. */
  composer(menus: Menus): Composer<BotContext>;
}

/**
 * /subscribe and /unsubscribe, and the subscription in the menus: new material reaches a
 * subscribed chat in its language. A private chat chooses what it follows and how in a menu
 * (menus/subscription.ts; /subscribe subscribes it to everything first, if it was not
 * subscribed); a group follows everything, and only its admins may change that.
 */
export function subscribe(deps: BotDeps): Subscriptions {
  const topics = subscriptionMenu(deps);

  /** Subscribes or unsubscribes the chat; what to tell the user, and whether it was refused. */
  const change = async (ctx: BotContext, on: boolean): Promise<{ text: string; refused: boolean }> => {
    const chat = ctx.chat;
    if (!chat || chat.type === "channel") return { text: ctx.t("subscribe-not-here"), refused: true };
    if (chat.type !== "private" && !(await isAdmin(ctx))) return { text: ctx.t("subscribe-admins-only"), refused: true };
    const already = await deps.storage.isSubscribed(chat.id);
    if (on) await deps.storage.subscribe(chat.id, chat.type === "private" ? "private" : "group", ctx.lang);
    else await deps.storage.unsubscribe(chat.id);
    const key = on ? (already ? "subscribe-already" : "subscribe-done") : already ? "unsubscribe-done" : "unsubscribe-already";
    return { text: ctx.t(key), refused: false };
  };

  const composer = (menus: Menus) => {
    const commands = new Composer<BotContext>();
    commands.chatType("private").command("subscribe", async (ctx) => {
      if (!(await deps.storage.isSubscribed(ctx.chat.id))) await deps.storage.subscribe(ctx.chat.id, "private", ctx.lang);
      await menus.reply(ctx, subscriptionPath);
    });
    commands.command("subscribe", async (ctx) => void (await ctx.reply((await change(ctx, true)).text, PLAIN)));
    commands.command("unsubscribe", async (ctx) => void (await ctx.reply((await change(ctx, false)).text, PLAIN)));
    return commands;
  };

  const mainButtons = (main: MenuTemplate<BotContext>) => {
    main.submenu("s", topics.menu, {
      text: (ctx) => ctx.t("menu-subscription"),
      hide: (ctx) => ctx.chat?.type !== "private",
    });
    main.interact(ACTIONS.subscribe, {
      hide: (ctx) => ctx.chat?.type === "private",
      text: async (ctx) => {
        const subscribed = ctx.chat ? await deps.storage.isSubscribed(ctx.chat.id) : false;
        return ctx.t(subscribed ? "menu-unsubscribe" : "menu-subscribe");
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
  };

  return { mainButtons, figureButtons: topics.followButton, composer };
}

async function isAdmin(ctx: BotContext): Promise<boolean> {
  if (!ctx.from) return false;
  if (ctx.from.id === ANONYMOUS_ADMIN && ctx.senderChat?.id === ctx.chat?.id) return true;
  const member = await ctx.getChatMember(ctx.from.id);
  return member.status === "creator" || member.status === "administrator";
}

import { config } from "dotenv";

// Settings from .env, if there is one; the real environment wins. Quiet: `npm run ask -- --json` prints JSON only.
config({ quiet: true });

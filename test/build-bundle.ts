import { buildBundle } from "../scripts/build.mjs";

export default buildBundle;

import { buildBundle } from "../scripts/build.ts";

export default buildBundle;

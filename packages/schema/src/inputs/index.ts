// Each domain's procedure inputs, with their `T…` types; `limits` feeds zod and the forms alike.
export * from "./articles";
export * from "./claims";
export { limits, ZDay, ZWebAddress } from "./common";
export * from "./dashboard";
export * from "./editorial-rules";
export * from "./fact-checks";
export * from "./feeds";
export * from "./media";
export * from "./notifications";
export * from "./published";
export * from "./ratings";
export * from "./settings";
export * from "./sources";
export * from "./tips";
export * from "./users";
export * from "./verdicts";
export * from "./webhooks";

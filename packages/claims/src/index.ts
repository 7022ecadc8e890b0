export * from "./checkworthiness";
export * from "./context";
export * from "./normalize";
export * from "./sentences";

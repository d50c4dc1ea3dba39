import { icon } from "./icon";

export const X = icon("x", ["M18 6 6 18", "m6 6 12 12"]);

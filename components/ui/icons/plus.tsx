import { icon } from "./icon";

export const Plus = icon("plus", ["M5 12h14", "M12 5v14"]);

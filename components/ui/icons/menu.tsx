import { icon } from "./icon";

export const Menu = icon("menu", ["M4 5h16", "M4 12h16", "M4 19h16"]);

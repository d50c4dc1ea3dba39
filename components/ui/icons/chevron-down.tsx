import { icon } from "./icon";

export const ChevronDown = icon("chevron-down", ["m6 9 6 6 6-6"]);

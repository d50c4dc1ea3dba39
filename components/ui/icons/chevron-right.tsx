import { icon } from "./icon";

export const ChevronRight = icon("chevron-right", ["m9 18 6-6-6-6"]);

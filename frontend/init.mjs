// Start every GOV.UK Frontend component on the page (menus, error summaries, …).
import { initAll } from "./govuk-frontend.min.js";

initAll();

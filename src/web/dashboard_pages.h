// The steering dashboard: the home page of the programme office, the ministry and the funder, and
// of operator staff (their own cohorts' numbers). It reads one IndicatorReport (national, by
// region, quarter, operator and track), the funnel and the conventions' targets from
// IndicatorService, so it shows exactly the numbers of the API and the exports, and draws them as
// server-side SVG charts (web/svg_chart.h), each followed by its data table. Filters come from
// the query string (a GET form, no script). See docs/dashboard.md.
#pragma once

#include <httplib.h>

#include "app/actor.h"
#include "web/http_support.h"
#include "web/services.h"

namespace jobintech::web {

// True for the roles whose home page is the dashboard: admin, steering, operator staff.
bool shows_dashboard(const app::Actor& actor);

// Answers the dashboard page (200, or 422 with the filters' errors on the page). The caller has
// checked shows_dashboard(*ctx.actor).
void render_dashboard(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx);

}  // namespace jobintech::web

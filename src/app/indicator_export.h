// The indicators as tables for CSV and XLSX exports, with the same numbers as the API and the
// dashboard (they all read one IndicatorReport). The open-data form suppresses every count below
// 5, and every rate or median computed from a suppressed count, so it can be published as is.
// Pure functions; thread-safe.
#pragma once

#include "app/exporter.h"
#include "app/indicator_service.h"

namespace jobintech::app {

inline constexpr std::int64_t kOpenDataThreshold = 5;

// One row per group: group_by, key, label, then every field of indicator_fields(). Rates are
// fractions between 0 and 1; a null is an empty cell.
ExportTable indicator_export_table(const IndicatorTable& table, bool open_data);

}  // namespace jobintech::app

// serve --read-db: the indicators and the dashboard read through the read connection (a
// replica in production). Here the "replica" is deliberately another database with other data,
// so the answer shows which one was read; everything else (sign-in, records) uses the primary.
#include <gtest/gtest.h>

#include "app/demo_generator.h"
#include "app/programme_setup.h"
#include "shared_programme.h"
#include "test_database.h"

using jobintech::testing::body;
using jobintech::testing::programme;

TEST(ReadReplica, IndicatorsReadThroughTheReadConnectionAndEverythingElseThroughThePrimary) {
  jobintech::testing::TestDatabase replica_db("replica");
  auto replica = jobintech::app::open_database(replica_db.url(), 4);
  jobintech::app::prepare_database(*replica);
  jobintech::app::generate_demo(*replica, {150, 11, "2026-11-29"});

  jobintech::web::ServerOptions options;
  options.read_db = replica.get();
  jobintech::testing::ServingThread serving(programme().db(), options);
  auto c = serving.client();

  const auto token = programme().auth("admin");  // a session of the primary
  auto through_replica = c.Get("/api/v1/indicators?as_of=2026-11-29", token);
  auto primary = programme().client().Get("/api/v1/indicators?as_of=2026-11-29", token);
  auto cohorts = c.Get("/api/v1/cohorts?limit=1", token);

  ASSERT_EQ(through_replica->status, 200) << through_replica->body;
  ASSERT_EQ(primary->status, 200);
  const auto replica_enrolled = body(through_replica)["groups"][0]["enrolled"];
  EXPECT_NE(replica_enrolled, body(primary)["groups"][0]["enrolled"]);
  // The replica's own numbers, as a server reading only the replica gives them.
  jobintech::testing::ServingThread direct(*replica);
  auto dc = direct.client();
  auto login = dc.Post("/api/v1/auth/login", R"({"email":"admin@jobintech.ma","password":"Demo-Admin-2026"})",
                       "application/json");
  auto own = dc.Get("/api/v1/indicators?as_of=2026-11-29",
                    httplib::Headers{{"Authorization", "Bearer " + body(login)["token"].get<std::string>()}});
  EXPECT_EQ(replica_enrolled, body(own)["groups"][0]["enrolled"]);
  // Records come from the primary.
  ASSERT_EQ(cohorts->status, 200);
  EXPECT_EQ(body(cohorts)["total"], body(programme().client().Get("/api/v1/cohorts?limit=1", token))["total"]);
}

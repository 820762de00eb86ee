package faceblur.jobs;

import faceblur.testing.TestPostgres;

class PostgresJobServiceTest extends JobServiceContract {

    @Override
    String freshDatabaseUrl() {
        return TestPostgres.shared().newDatabase(getClass().getSimpleName());
    }

    @Override
    String trueLiteral() {
        return "true";
    }
}

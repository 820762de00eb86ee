-- The blur-on-upload pipeline. Times are epoch milliseconds, as in V2.
--
-- dedup_key is SHA-256 of (source bucket, key, ETag, rule): the unique key that makes a second announcement of
-- the same object version for the same rule (listing, webhook, a repeated event) insert nothing. run counts
-- retries by hand: step executions are named job/run/segment, so a step of an earlier run finds itself stale.
create table pipeline_jobs (
    job_id varchar(64) not null primary key,
    dedup_key varchar(64) not null unique,
    rule_id varchar(2200) not null,
    source_bucket varchar(255) not null,
    source_key varchar(1024) not null,
    source_etag varchar(255) not null,
    source_size bigint not null,
    video_bucket varchar(255) not null,
    video_key varchar(1024) not null,
    faces_key varchar(1024) not null,
    state varchar(16) not null,
    run integer not null default 1,
    attempts integer not null default 0,
    progress double precision not null default 0,
    reason text,
    created_at bigint not null,
    updated_at bigint not null,
    finished_at bigint
);

create index pipeline_jobs_state_idx on pipeline_jobs (state, created_at);
create index pipeline_jobs_rule_idx on pipeline_jobs (rule_id, source_bucket);

-- Every change of state, with the node that made it: what an operator reads after a crash.
create table pipeline_history (
    job_id varchar(64) not null,
    seq integer not null,
    state varchar(16) not null,
    at bigint not null,
    node varchar(255) not null,
    detail text,
    primary key (job_id, seq)
);

-- The unit of analysis. One segment (0, the whole video) today; a segmenter adds rows, one per cut, and the
-- analyse step runs once per row, on any node. observations is the analysis result (JSON) that the render step
-- tracks over, all segments together.
create table pipeline_segments (
    job_id varchar(64) not null,
    segment integer not null,
    start_micros bigint not null,
    end_micros bigint,
    observations text,
    analysed_by varchar(255),
    primary key (job_id, segment)
);

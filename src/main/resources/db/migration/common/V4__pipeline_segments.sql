-- Segmented pipeline jobs. The analyse step of segment 0 plans the cuts: it sets segment 0's end_micros and
-- inserts one row per further segment (end_micros null: not planned yet; the last segment ends at
-- 9223372036854775807). rendered_by marks a segment whose piece is in the staging place of the current run.
alter table pipeline_segments add column rendered_by varchar(255);

-- One row per step execution of a run (task, segment): attempts counted per step, so that many segments of
-- one job do not share one budget of attempts, and the last successful attempt's time split into
-- coordination (database, store, planning, joining) and processing (detection, tracking, encoding).
create table pipeline_steps (
    job_id varchar(64) not null,
    run integer not null,
    task varchar(32) not null,
    segment integer not null,
    attempts integer not null default 0,
    node varchar(255),
    coordination_ms bigint,
    processing_ms bigint,
    finished_at bigint,
    primary key (job_id, run, task, segment)
);

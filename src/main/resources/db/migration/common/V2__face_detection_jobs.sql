-- Times are epoch milliseconds: the same type and arithmetic on every database.
create table face_detection_jobs (
    job_id varchar(64) not null primary key,
    client_token varchar(64) unique,
    bucket varchar(255) not null,
    object_key varchar(1024) not null,
    object_version varchar(1024),
    face_attributes varchar(16) not null,
    job_tag varchar(1024),
    sns_topic_arn varchar(1024),
    role_arn varchar(1024),
    state varchar(16) not null,
    status_message text,
    attempts integer not null default 0,
    created_at bigint not null,
    started_at bigint,
    finished_at bigint,
    video_metadata text,
    face_count integer not null default 0
);

create index face_detection_jobs_state_idx on face_detection_jobs (state, finished_at);

-- seq is the position in the result (sorted by Timestamp, then by the runner's order), so a page is a
-- range of the primary key rather than an OFFSET scan.
create table face_detection_faces (
    job_id varchar(64) not null,
    seq integer not null,
    timestamp_ms bigint not null,
    face text not null,
    primary key (job_id, seq)
);

-- How a job's faces are hidden, when its watch rule chose (JSON of RedactionSettings); null: the node's settings.
alter table pipeline_jobs add column redaction text;

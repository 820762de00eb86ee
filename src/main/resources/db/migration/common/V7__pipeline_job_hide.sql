-- What a job hides, as its watch rule chose: faces, text or faces,text. Jobs from before read as faces alone.
alter table pipeline_jobs add column hide text not null default 'faces';

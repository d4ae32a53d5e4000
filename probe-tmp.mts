import { openDatabase } from './src/db/client.js';
import { createJobQueue } from './src/db/job-queue.js';
import pg from 'pg';
const admin = new pg.Client('postgres://postgres@127.0.0.1:5432/postgres'); await admin.connect();
await admin.query('drop database if exists kc_jobs_probe with (force)'); await admin.query('create database kc_jobs_probe');
const url = 'postgres://postgres@127.0.0.1:5432/kc_jobs_probe';
const dbs = await Promise.all([1,2,3].map(() => openDatabase({ databaseUrl: url, maxConnections: 1 })));
const qs = dbs.map((database) => createJobQueue({ database, workers: false }));
await Promise.all(qs.map((q) => q.start()));
console.log('started');
try { await Promise.all(qs.map((q, i) => q.enqueue('jobs.race', { i }))); console.log('enqueued'); } catch (e) { console.log(e); }
await Promise.all(qs.map(q => q.stop())); await Promise.all(dbs.map(d => d.close()));
await admin.query('drop database if exists kc_jobs_probe with (force)'); await admin.end();

import { Session } from 'chdb';
const s = new Session('/tmp/imp1/warehouse');
const r = s.query(process.argv[2], 'PrettyCompactMonoBlock'); console.log(r);

/*
 * Copyright 2026 The Backstage Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

// The floor of the benchmark: a bare Node HTTP server (own process, like
// the backend) answering each path with the same JSON bytes as the entity
// summary of that path. Nothing can be faster on this machine.
//   node floor.mjs <port> <bodies.json>   ({"<path>": "<json>", ...})

import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const [port, file] = process.argv.slice(2);
const bodies = new Map(
  Object.entries(JSON.parse(readFileSync(file, 'utf8'))).map(([k, v]) => [
    k,
    Buffer.from(v),
  ]),
);
const fallback = Buffer.from('null');
createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = bodies.get(req.url) ?? fallback;
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
    });
    res.end(body);
  });
}).listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));

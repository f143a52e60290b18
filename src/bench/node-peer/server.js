// The benchmark's peer: the least a broadcast chat server does, on Node's ws package, so that the
// load tool drives it exactly as it drives the WAR. It speaks the subset of docs/protocol.md the
// tool uses (sign-in, welcome, join, send → message + ack) and keeps rooms in memory only: nothing
// is stored, checked or rate limited. Usage: node server.js [port]
'use strict';
const http = require('http');
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2] || 8090);
const rooms = new Map(); // room name -> { seq, members: Set<ws> }
let nextId = 1;
let nextConnection = 1;

function room(name) {
  let found = rooms.get(name);
  if (!found) {
    found = { seq: 0, members: new Set() };
    rooms.set(name, found);
  }
  return found;
}

function readBody(request, then) {
  let body = '';
  request.on('data', (chunk) => { body += chunk; });
  request.on('end', () => then(body));
}

const server = http.createServer((request, response) => {
  const answer = (status, object) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(object));
  };
  if (request.method === 'POST' && request.url === '/api/users') {
    readBody(request, (body) => answer(201, { user: JSON.parse(body).user }));
  } else if (request.method === 'POST' && request.url === '/api/sessions') {
    readBody(request, (body) => {
      const user = JSON.parse(body).user;
      answer(201, { user, token: 'peer-' + user });
    });
  } else {
    answer(404, { code: 'not_found', message: 'the peer serves sign-in and /chat only' });
  }
});

const sockets = new WebSocketServer({ server, path: '/chat', perMessageDeflate: false });

sockets.on('connection', (socket, request) => {
  const auth = request.headers.authorization || '';
  const user = auth.startsWith('Bearer peer-') ? auth.substring('Bearer peer-'.length) : 'anonymous';
  const joined = new Set();
  const enter = (name) => {
    const entered = room(name);
    entered.members.add(socket);
    joined.add(entered);
    return entered;
  };
  socket.send(JSON.stringify({ type: 'welcome', user, connection: 'c' + nextConnection++ }));
  socket.send(JSON.stringify({ type: 'joined', room: 'lobby', lastSeq: enter('lobby').seq, present: [] }));

  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      socket.close(1003, 'text frames only');
      return;
    }
    let request;
    try {
      request = JSON.parse(data);
    } catch (e) {
      socket.send(JSON.stringify({ type: 'error', code: 'invalid_json', message: 'not JSON' }));
      return;
    }
    if (request.type === 'join') {
      const entered = enter(request.room);
      socket.send(JSON.stringify({ type: 'joined', room: request.room, ref: request.ref, lastSeq: entered.seq, present: [] }));
    } else if (request.type === 'send') {
      const target = rooms.get(request.room);
      if (!target || !target.members.has(socket)) {
        socket.send(JSON.stringify({ type: 'error', code: 'not_in_room', message: 'join first', ref: request.ref }));
        return;
      }
      const event = { type: 'message', room: request.room, id: nextId++, seq: ++target.seq, user,
        sentAt: new Date().toISOString(), text: request.text, edited: false, retracted: false };
      // encoded twice, as the WAR does (once for the author, once for everyone else), to bytes once
      const own = Buffer.from(JSON.stringify({ ...event, own: true }));
      const others = Buffer.from(JSON.stringify({ ...event, own: false }));
      for (const member of target.members) {
        member.send(member === socket ? own : others, { binary: false });
      }
      socket.send(JSON.stringify({ type: 'ack', ref: request.ref, room: request.room, id: event.id, seq: event.seq }));
    } else {
      socket.send(JSON.stringify({ type: 'error', code: 'unknown_type', message: 'the peer knows join and send', ref: request.ref }));
    }
  });
  socket.on('close', () => joined.forEach((entered) => entered.members.delete(socket)));
  socket.on('error', () => {});
});

server.listen(port, '127.0.0.1', () => console.log('peer listening on ' + port));

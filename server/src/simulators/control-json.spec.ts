import express from 'express';
import { answerInvalidControlJson } from './control-json';
import { listenOnLoopback, type RunningServer } from './http';

describe('answerInvalidControlJson', () => {
  let server: RunningServer;

  beforeAll(async () => {
    const app = express();
    app.post('/json', express.json(), (req, res) => {
      res.json({ got: req.body as unknown });
    });
    app.post('/boom', () => {
      throw new Error('boom');
    });
    app.use(answerInvalidControlJson);
    app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(500).json({ error: 'other' });
    });
    server = await listenOnLoopback(app);
  });
  afterAll(() => server.close());

  const post = (path: string, body: string) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('answers a body that is not JSON with a 400 saying so', async () => {
    const res = await post('/json', '{not json');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'body is not valid JSON' });
  });

  it('passes any other error on', async () => {
    const res = await post('/boom', '{}');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'other' });
  });

  it('leaves good JSON alone', async () => {
    const res = await post('/json', '{"a":1}');
    expect(await res.json()).toEqual({ got: { a: 1 } });
  });
});

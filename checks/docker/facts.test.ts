/** An inspect answer's facts: what the engine did not say stays unread, never defaulted into a verdict. */
import { describe, expect, it } from 'vitest';
import { MalformedAnswer, toFacts, unreadableFacts } from './facts.ts';

// The fields of a real Engine API 1.41 answer that probes read (an exited container).
const exited = () => ({
  Id: 'a'.repeat(64),
  Name: '/job',
  RestartCount: 0,
  Config: { Image: 'lab/busybox:1', Healthcheck: { Test: ['CMD-SHELL', 'true'] } },
  State: {
    Status: 'exited',
    Running: false,
    OOMKilled: false,
    ExitCode: 3,
    FinishedAt: '2026-12-02T07:00:00.5Z',
  },
  HostConfig: {
    Privileged: false,
    Memory: 0,
    NanoCpus: 0,
    CpuQuota: 0,
    RestartPolicy: { Name: '', MaximumRetryCount: 0 },
    PortBindings: {
      '80/tcp': [
        { HostIp: '127.0.0.1', HostPort: '8080' },
        { HostIp: '', HostPort: '8080' },
      ],
    },
  },
  NetworkSettings: { Ports: {} },
});

describe('container facts', () => {
  it('reads an exited container: exit code, end time, configured bindings in a stable order', () => {
    const f = toFacts(exited());
    expect(f).toMatchObject({
      name: 'job',
      state: 'exited',
      running: false,
      exitCode: 3,
      restartPolicy: 'no',
    });
    expect(f.finishedAt).toBe('2026-12-02T07:00:00.5Z');
    expect(f.ports.map((p) => p.hostIp)).toEqual(['', '127.0.0.1']);
    expect(f.unread).toEqual({});
  });

  it('has no exit for a container that never ran', () => {
    const a = exited();
    a.State = { ...a.State, Status: 'created', ExitCode: 0, FinishedAt: '0001-01-01T00:00:00Z' };
    expect(toFacts(a)).toMatchObject({ state: 'created', exitCode: null, finishedAt: null });
  });

  it.each<[string, (a: ReturnType<typeof exited>) => unknown, Record<string, string>]>([
    [
      'no State',
      (a) => ({ ...a, State: undefined }),
      { running: 'State.Running', state: 'State.Status', oomKilled: 'State.OOMKilled' },
    ],
    [
      'Privileged as text',
      (a) => ({ ...a, HostConfig: { ...a.HostConfig, Privileged: 'false' } }),
      { privileged: 'HostConfig.Privileged' },
    ],
    [
      'no HostConfig',
      (a) => ({ ...a, HostConfig: undefined }),
      {
        restartPolicy: 'HostConfig.RestartPolicy.Name',
        privileged: 'HostConfig.Privileged',
        memory: 'HostConfig.Memory',
        nanoCpus: 'HostConfig.NanoCpus',
        cpuQuota: 'HostConfig.CpuQuota',
      },
    ],
    [
      'a binding list that is no list',
      (a) => ({ ...a, HostConfig: { ...a.HostConfig, PortBindings: { '80/tcp': 'x' } } }),
      { ports: 'HostConfig.PortBindings' },
    ],
    [
      'a running container with a healthcheck but no health',
      (a) => ({ ...a, State: { ...a.State, Running: true, Status: 'running' } }),
      { health: 'State.Health.Status' },
    ],
    ['RestartCount as text', (a) => ({ ...a, RestartCount: '2' }), { restartCount: 'RestartCount' }],
  ])('records %s as unread', (_, change, unread) => {
    expect(toFacts(change(exited())).unread).toEqual(unread);
  });

  it('refuses an answer that names no container, and marks a listed container whose answer was unusable', () => {
    expect(() => toFacts(Buffer.from('{"Id":"ab'))).toThrow(MalformedAnswer);
    expect(() => toFacts({ Id: 'x' })).toThrow(/no container Id and Name/);
    const f = unreadableFacts(
      { Id: 'b'.repeat(64), Names: ['/web'], Image: 'i', State: 'running', Status: 'Up' },
      'cut',
    );
    expect(f).toMatchObject({
      name: 'web',
      unusable: 'cut',
      unread: { privileged: 'a usable inspect answer' },
    });
  });
});

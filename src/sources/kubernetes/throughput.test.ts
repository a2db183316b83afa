// Throughput of the kubernetes extractor on a synthetic repository of 2,000 services (one file
// each: Deployment with env/envFrom/resources, Service, ConfigMap, HorizontalPodAutoscaler).
// Opt-in: GODRIFT_BENCH=1 npx vitest run src/sources/kubernetes/throughput.test.ts
import { describe, expect, it } from 'vitest';
import type { SourceContext } from '../types.js';
import { kubernetesExtractor } from './index.js';

function manifest(i: number): string {
  const name = `svc-${i}`;
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  labels: {app: ${name}, tier: backend}
spec:
  selector: {app: ${name}}
  ports:
    - name: http
      port: 80
      targetPort: 8080
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-runtime
data:
  GOGC: "${50 + (i % 150)}"
  LOG_FORMAT: json
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: {app: ${name}}
  annotations:
    description: "synthetic service ${i} used to measure extractor throughput"
spec:
  replicas: ${1 + (i % 5)}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      serviceAccountName: ${name}
      containers:
        - name: app
          image: registry.example.com/${name}:1.${i % 20}.0
          ports:
            - containerPort: 8080
          envFrom:
            - configMapRef: {name: ${name}-runtime}
          env:
            - name: GODEBUG
              value: "http2client=0,madvdontneed=1"
            - name: GOMEMLIMIT
              valueFrom:
                resourceFieldRef: {resource: limits.memory}
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef: {name: ${name}-db, key: url}
            - name: PORT
              value: "8080"
          resources:
            limits: {memory: 512Mi, cpu: "1"}
            requests: {memory: 256Mi, cpu: 250m}
          readinessProbe:
            httpGet: {path: /healthz, port: 8080}
            periodSeconds: 5
          volumeMounts:
            - {name: tmp, mountPath: /tmp}
        - name: log-shipper
          image: registry.example.com/shipper:3.2.1
      volumes:
        - {name: tmp, emptyDir: {}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
`;
}

describe.runIf(process.env.GODRIFT_BENCH === '1')('kubernetes extractor throughput', () => {
  it('2,000 service manifests', async () => {
    const files = new Map<string, string>();
    for (let i = 0; i < 2000; i++) files.set(`services/svc-${i}/k8s.yaml`, manifest(i));
    const context: SourceContext = { allFiles: [...files.keys()], readFile: (p) => files.get(p) };
    const bytes = [...files.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
    let facts = 0;
    const t0 = performance.now();
    for (const [path, text] of files) {
      if (!kubernetesExtractor.matches(path, text.slice(0, 512))) continue;
      const r = await kubernetesExtractor.extract({ path, absolutePath: `/bench/${path}`, text }, context);
      facts += r.observations.length;
    }
    const ms = performance.now() - t0;
    const mb = bytes / 1024 / 1024;
    console.log(`kubernetes: ${files.size} files, ${mb.toFixed(2)} MiB, ${facts} facts in ${ms.toFixed(0)} ms = ${(mb / (ms / 1000)).toFixed(1)} MiB/s`);
    expect(facts).toBe(2000 * 10);
  });
});

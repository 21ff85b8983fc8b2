import { useCallback, useEffect, useState } from 'react';

/** Only the choice of device is remembered in the browser: a device id says nothing about anyone. */
const DEVICE_KEY = 'hukou.capture.camera';

/**
 * Document cameras are 5 to 16 megapixels; a webcam answers the nearest it has to what is asked,
 * so ask for 12 MP first, then for the most the device says it can do.
 */
const IDEAL = { width: 4096, height: 3072 };

export type CameraProblem = 'denied' | 'notFound' | 'busy';

export interface CameraState {
  stream: MediaStream | null;
  devices: MediaDeviceInfo[];
  deviceId: string | undefined;
  resolution: { width: number; height: number } | null;
  problem: CameraProblem | null;
  chooseDevice: (deviceId: string) => void;
  retry: () => void;
}

function problemOf(error: unknown): CameraProblem {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'notFound';
  return 'busy';
}

function stop(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

async function open(deviceId: string | undefined): Promise<MediaStream> {
  const video = { width: { ideal: IDEAL.width }, height: { ideal: IDEAL.height } };
  if (!deviceId) return navigator.mediaDevices.getUserMedia({ video, audio: false });
  try {
    return await navigator.mediaDevices.getUserMedia({ video: { ...video, deviceId: { exact: deviceId } }, audio: false });
  } catch (error) {
    // The remembered device is gone (unplugged, another desk): forget it and take the default one.
    if (problemOf(error) !== 'notFound') throw error;
    localStorage.removeItem(DEVICE_KEY);
    return navigator.mediaDevices.getUserMedia({ video, audio: false });
  }
}

/** Asks the track for the largest frame its device reports, when that is more than it got. */
async function raiseToLargest(track: MediaStreamTrack): Promise<void> {
  const capabilities = typeof track.getCapabilities === 'function' ? track.getCapabilities() : {};
  const maxWidth = capabilities.width?.max;
  const maxHeight = capabilities.height?.max;
  const { width = 0, height = 0 } = track.getSettings();
  if (!maxWidth || !maxHeight || maxWidth * maxHeight <= width * height) return;
  await track.applyConstraints({ width: { ideal: maxWidth }, height: { ideal: maxHeight } }).catch(() => undefined);
}

/** The document camera: the remembered device (or the default one) at its highest resolution. */
export function useCamera(enabled: boolean): CameraState {
  const [deviceId, setDeviceId] = useState<string | undefined>(() => localStorage.getItem(DEVICE_KEY) ?? undefined);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [resolution, setResolution] = useState<{ width: number; height: number } | null>(null);
  const [problem, setProblem] = useState<CameraProblem | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let opened: MediaStream | null = null;
    const start = async () => {
      setProblem(null);
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('no media devices'), { name: 'NotFoundError' });
        opened = await open(deviceId);
        if (cancelled) return;
        const track = opened.getVideoTracks()[0];
        if (track) await raiseToLargest(track);
        if (cancelled) return;
        const settings = track?.getSettings() ?? {};
        setResolution(settings.width && settings.height ? { width: settings.width, height: settings.height } : null);
        setStream(opened);
        // Device names are readable only once the camera is allowed.
        const all = await navigator.mediaDevices.enumerateDevices();
        if (!cancelled) setDevices(all.filter((device) => device.kind === 'videoinput'));
      } catch (error) {
        if (!cancelled) setProblem(problemOf(error));
      }
    };
    void start();
    return () => {
      cancelled = true;
      if (opened) stop(opened);
      setStream(null);
    };
  }, [enabled, deviceId, attempt]);

  const chooseDevice = useCallback((next: string) => {
    localStorage.setItem(DEVICE_KEY, next);
    setDeviceId(next);
  }, []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const activeId = stream?.getVideoTracks()[0]?.getSettings().deviceId ?? deviceId;
  return { stream, devices, deviceId: activeId, resolution, problem, chooseDevice, retry };
}

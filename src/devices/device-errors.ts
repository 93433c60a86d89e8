/** Typed errors of the device service, with stable codes. */

export type DeviceErrorCode = 'DEVICE_EXISTS' | 'DEVICE_NAME_INVALID' | 'DEVICE_INVALID' | 'DEVICE_BUSY';

/** A device error: an `Error` with a stable `code`. */
export interface DeviceError extends Error {
  readonly code: DeviceErrorCode;
}

/** Makes a device error. */
export function deviceError(code: DeviceErrorCode, message: string): DeviceError {
  return Object.assign(new Error(message), { name: 'DeviceError', code });
}

/** True for errors made by `deviceError`. */
export function isDeviceError(error: unknown): error is DeviceError {
  return error instanceof Error && error.name === 'DeviceError' && typeof (error as { code?: unknown }).code === 'string';
}

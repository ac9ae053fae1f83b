/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_ORDO_API_URL?: string;
}

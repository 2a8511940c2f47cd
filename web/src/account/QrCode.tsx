import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * `text` as a QR code image. Drawn as SVG into a data URL: no canvas needed, and the CSP's
 * default `img-src 'self' data:` allows it.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (svg) => current && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [text]);

  if (failed) return <p className="alert alert--warning">The QR code could not be drawn; type the secret into your app instead.</p>;
  return src ? <img className="qr-code" src={src} alt={label} width={200} height={200} data-testid="two-factor-qr" /> : <div className="qr-code qr-code--pending" aria-hidden="true" />;
}

import 'server-only';
import { toBuffer } from 'bwip-js/node';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { ShipAddressSnapshot } from '@/db/schema/shipments';

// A 4x6 inch thermal label (288 x 432 points): sender, recipient, service, the tracking number as a Code 128 barcode
// (bwip-js draws it; pdf-lib writes the PDF). The recipient's address is read at print time from lib/fulfilment by
// the caller, after it checked the seller owns the shipment.

export type LabelInput = {
  trackingId: string;
  carrierName: string;
  serviceName: string;
  shipDate: string | null;
  weightOz: number | null;
  orderRef: string;
  from: ShipAddressSnapshot;
  to: ShipAddressSnapshot;
};

// Standard fonts only encode WinAnsi: anything else (a name in another script) is shown as '?', never crashes a print.
const winAnsi = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '?');

export async function renderLabelPdf(l: LabelInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Shipping label ${l.trackingId}`);
  pdf.setProducer('Prime Marketplace Buy Shipping');
  pdf.setCreationDate(new Date(0));
  const page = pdf.addPage([288, 432]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const black = rgb(0, 0, 0);
  const text = (s: string, x: number, y: number, size = 9, f = font) => page.drawText(winAnsi(s), { x, y, size, font: f, color: black });
  const line = (y: number) => page.drawLine({ start: { x: 8, y }, end: { x: 280, y }, thickness: 1.2, color: black });

  page.drawRectangle({ x: 4, y: 4, width: 280, height: 424, borderColor: black, borderWidth: 1.5 });
  // Sender
  text('FROM', 12, 412, 7, bold);
  const fromLines = [l.from.name, l.from.line1, l.from.line2 ?? '', `${l.from.city}, ${l.from.state} ${l.from.zip}`].filter(Boolean);
  fromLines.forEach((s, i) => text(s, 12, 400 - i * 10, 8));
  text(l.carrierName.toUpperCase(), 200, 404, 16, bold);
  line(352);
  // Recipient
  text('SHIP TO', 12, 338, 8, bold);
  const toLines = [l.to.name, l.to.line1, l.to.line2 ?? '', `${l.to.city}, ${l.to.state} ${l.to.zip}`].filter(Boolean);
  toLines.forEach((s, i) => text(s, 24, 320 - i * 15, 12, i === 0 ? bold : font));
  line(246);
  // Service
  text(l.serviceName.toUpperCase(), 12, 226, 14, bold);
  const meta = [l.shipDate ? `Ship date ${l.shipDate}` : null, l.weightOz ? `${Math.ceil(l.weightOz / 16)} LB` : null].filter(Boolean).join('   ');
  text(meta, 12, 210, 8);
  line(200);
  // Barcode
  const png = await toBuffer({ bcid: 'code128', text: l.trackingId, scale: 3, height: 18, includetext: false });
  const image = await pdf.embedPng(png);
  const width = 250;
  const height = Math.min(90, (image.height / image.width) * width);
  page.drawImage(image, { x: (288 - width) / 2, y: 92, width, height });
  text('TRACKING #', 12, 74, 8, bold);
  text(l.trackingId.replace(/(.{4})/g, '$1 ').trim(), 12, 58, 14, bold);
  line(46);
  text(`Order ${l.orderRef}`, 12, 28, 8);
  text('Prime Marketplace Buy Shipping', 150, 28, 7);
  return pdf.save();
}

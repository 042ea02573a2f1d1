import sharp from 'sharp';

/** A plain JPEG of one colour (its red `r`), as a camera would not make it, but as a build reads one. */
export const photo = (r: number, width = 1200, height = 800): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: { r, g: 90, b: 60 } } })
    .jpeg()
    .toBuffer();

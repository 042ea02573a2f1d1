// edtf (EDTF parser) ships JavaScript without type declarations; these are the parts we use.
declare module 'edtf' {
  interface ExtDate {
    type: 'Date' | 'Interval' | 'Year' | 'Season' | 'Set' | 'List' | 'Decade' | 'Century';
    min: number;
    max: number;
    precision?: number;
    edtf: string;
  }
  export default function edtf(text: string): ExtDate;
}

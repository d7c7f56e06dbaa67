// Vite's `?raw` imports: the file's text, bundled as a string (the browser SDK's snippet, kept in one place).
declare module '*?raw' {
  const text: string;
  export default text;
}

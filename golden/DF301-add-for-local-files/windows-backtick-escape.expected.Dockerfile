# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN Invoke-WebRequest -OutFile C:\tmp\tool.zip `
    -Uri https://example.com/tool.zip
COPY app C:\app\
CMD ["C:\\app\\run.cmd"]

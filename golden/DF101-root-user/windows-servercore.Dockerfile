# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
WORKDIR C:\app
COPY . .
CMD ["C:\\Python312\\python.exe", "-m", "waitress", "--port=8080", "app:app"]

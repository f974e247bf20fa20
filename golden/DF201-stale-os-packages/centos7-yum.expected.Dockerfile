FROM centos:7
RUN yum -y upgrade && yum clean all
RUN yum -y install python3 && yum clean all
COPY . /app
CMD ["python3", "-m", "gunicorn", "--chdir", "/app", "app:app"]
